import type { Lang } from '../i18n';

/**
 * The placeholders of the usage lines, written in English capitals in the command spec and
 * shown in the chosen language. Every capital word of a usage form must be one of these keys
 * (the spec's unit test renders every form); `satisfies` makes a missing language a type error.
 */
export const PLACEHOLDERS = {
  ADDR: { fr: 'ADR', en: 'ADDR' },
  CIDR: { fr: 'CIDR', en: 'CIDR' },
  CMD: { fr: 'CMD', en: 'CMD' },
  COMMAND: { fr: 'COMMANDE', en: 'COMMAND' },
  C: { fr: 'C', en: 'C' },
  DATE: { fr: 'DATE', en: 'DATE' },
  DEVICE: { fr: 'ÉQUIPEMENT', en: 'DEVICE' },
  DIR: { fr: 'DIR', en: 'DIR' },
  FILE: { fr: 'FICHIER', en: 'FILE' },
  FIRST: { fr: 'PREMIER', en: 'FIRST' },
  GROUP: { fr: 'GROUPE', en: 'GROUP' },
  HOST: { fr: 'HÔTE', en: 'HOST' },
  ID: { fr: 'ID', en: 'ID' },
  IP: { fr: 'IP', en: 'IP' },
  KEY: { fr: 'CLÉ', en: 'KEY' },
  LINK: { fr: 'LIEN', en: 'LINK' },
  MS: { fr: 'MS', en: 'MS' },
  N: { fr: 'N', en: 'N' },
  NAME: { fr: 'NOM', en: 'NAME' },
  NODE: { fr: 'NŒUD', en: 'NODE' },
  PATH: { fr: 'CHEMIN', en: 'PATH' },
  PLUG: { fr: 'PRISE', en: 'PLUG' },
  PORT: { fr: 'PORT', en: 'PORT' },
  S: { fr: 'S', en: 'S' },
  SCENARIO: { fr: 'SCÉNARIO', en: 'SCENARIO' },
  SMTP_HOST: { fr: 'HÔTE_SMTP', en: 'SMTP_HOST' },
  THEN: { fr: 'ENSUITE', en: 'THEN' },
  TOPIC: { fr: 'SUJET', en: 'TOPIC' },
  UNIT: { fr: 'UNITÉ', en: 'UNIT' },
  URL: { fr: 'URL', en: 'URL' },
  USER: { fr: 'UTILISATEUR', en: 'USER' },
  VALUE: { fr: 'VALEUR', en: 'VALUE' },
  WITH: { fr: 'AVEC', en: 'WITH' },
} as const satisfies Record<string, Record<Lang, string>>;

export type Placeholder = keyof typeof PLACEHOLDERS;

const isPlaceholder = (word: string): word is Placeholder => Object.hasOwn(PLACEHOLDERS, word);

/** A usage form in one language: each capital word becomes its placeholder; an unknown one throws (a spec defect). */
export function localizeForm(form: string, lang: Lang): string {
  return form.replace(/\b[A-Z][A-Z_]*\b/g, (word) => {
    if (!isPlaceholder(word)) throw new Error(`usage placeholder ${word} is not in PLACEHOLDERS`);
    return PLACEHOLDERS[word][lang];
  });
}
