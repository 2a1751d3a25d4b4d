/**
 * Monarch grammars (plain data) for CEL expressions and for prompt templates, where CEL sits
 * inside `{{ ... }}`. Kept apart from Monaco so the data is inspectable without a browser.
 */
export const CEL_LANGUAGE = 'cel';
export const TEMPLATE_LANGUAGE = 'vm-template';

export const celMonarch = {
  defaultToken: 'invalid',
  keywords: ['true', 'false', 'null', 'in'],
  builtins: ['size', 'has', 'int', 'uint', 'double', 'string', 'plural', 'bool', 'bytes', 'type', 'dyn', 'matches', 'contains', 'startsWith', 'endsWith', 'all', 'exists', 'exists_one', 'map', 'filter', 'duration', 'timestamp'],
  operators: ['==', '!=', '<', '<=', '>', '>=', '&&', '||', '!', '+', '-', '*', '/', '%', '?', ':', '.'],
  symbols: /[=><!~?:&|+\-*/^%.]+/,
  tokenizer: {
    root: [
      [/[a-zA-Z_][\w]*/, { cases: { '@keywords': 'keyword', '@builtins': 'predefined', '@default': 'identifier' } }],
      { include: '@whitespace' },
      [/[{}()[\]]/, '@brackets'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
      [/0[xX][0-9a-fA-F]+u?/, 'number.hex'],
      [/\d+\.\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|\d+[eE][-+]?\d+/, 'number.float'],
      [/\d+u?/, 'number'],
      [/[,]/, 'delimiter'],
      [/[rRbB]?"""/, 'string', '@tripleDouble'],
      [/[rRbB]?'''/, 'string', '@tripleSingle'],
      [/[rRbB]?"/, 'string', '@stringDouble'],
      [/[rRbB]?'/, 'string', '@stringSingle'],
    ],
    whitespace: [
      [/[ \t\r\n]+/, 'white'],
      [/\/\/.*$/, 'comment'],
    ],
    stringDouble: [
      [/[^\\"]+/, 'string'],
      [/\\./, 'string.escape'],
      [/"/, 'string', '@pop'],
    ],
    stringSingle: [
      [/[^\\']+/, 'string'],
      [/\\./, 'string.escape'],
      [/'/, 'string', '@pop'],
    ],
    tripleDouble: [
      [/"""/, 'string', '@pop'],
      [/[^"]+|"/, 'string'],
    ],
    tripleSingle: [
      [/'''/, 'string', '@pop'],
      [/[^']+|'/, 'string'],
    ],
  },
};

export const templateMonarch = {
  defaultToken: '',
  tokenizer: {
    root: [
      [/\{\{/, { token: 'delimiter.bracket', next: '@cel', nextEmbedded: CEL_LANGUAGE }],
      [/[^{]+|\{/, 'string.template'],
    ],
    cel: [[/\}\}/, { token: 'delimiter.bracket', next: '@pop', nextEmbedded: '@pop' }]],
  },
};
