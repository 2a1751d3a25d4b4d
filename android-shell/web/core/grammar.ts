/**
 * The ask's vocabulary (runtime `ListenVocabulary`) as the phrase list a grammar recogniser takes
 * (Vosk: a JSON list of phrases plus "[unk]"). Digits and numbers become their words; the
 * recogniser returns sequences of them and the runtime parses the text.
 */
import type { Lang, ListenVocabulary } from '@voiceman/runtime';
import type { Grammar } from '../bridge/contract.js';

const DIGITS: Record<Lang, string[]> = {
  en: ['zero', 'oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
  ru: ['ноль', 'один', 'одна', 'два', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
};

const NUMBER_WORDS: Record<Lang, string[]> = {
  en: ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
    'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'and'],
  ru: ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать',
    'восемнадцать', 'девятнадцать', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят',
    'восемьдесят', 'девяносто', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот',
    'восемьсот', 'девятьсот', 'тысяча', 'тысячи', 'тысяч'],
};

export function grammarFor(vocabulary: ListenVocabulary): Grammar {
  const lang = vocabulary.language;
  const phrases = new Set(vocabulary.phrases.map((p) => p.toLowerCase().trim()).filter((p) => p.length > 0));
  if (vocabulary.digits || vocabulary.numbers) for (const w of DIGITS[lang]) phrases.add(w);
  if (vocabulary.numbers && (vocabulary.numbers.max === undefined || vocabulary.numbers.max >= 10)) {
    for (const w of NUMBER_WORDS[lang]) phrases.add(w);
  }
  return { language: lang, phrases: [...phrases] };
}
