/** `--name value` command-line options with defaults (the scripts take a handful of them). */
export function options<T extends Record<string, string>>(defaults: T, argv = process.argv.slice(2)): T {
  const out: Record<string, string> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!m || !(m[1]! in defaults)) throw new Error(`unknown option ${argv[i]}; known: ${Object.keys(defaults).map((k) => `--${k}`).join(' ')}`);
    out[m[1]!] = m[2] ?? argv[++i] ?? '';
  }
  return out as T;
}
