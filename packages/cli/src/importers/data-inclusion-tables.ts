/**
 * The value tables of the data·inclusion importer (data-inclusion.ts): thématiques → themes, v0 profils,
 * typologies → family and legal form, fees, mobilisation modes, service types (v0 → v1).
 */
import type { Family, LegalForm } from '@essaim/sdk';

/** data·inclusion thématiques (v0 and v1) → our themes: the full value first, then its category. */
export const DI_THEMES: Readonly<Record<string, string[]>> = {
  'acces-aux-droits-et-citoyennete': ['theme--citoyennete-droits'],
  'difficultes-administratives-ou-juridiques': ['theme--citoyennete-droits'],
  'accompagnement-social-et-professionnel-personnalise': ['theme--emploi-insertion'],
  'choisir-un-metier': ['theme--emploi-insertion'],
  'preparer-sa-candidature': ['theme--emploi-insertion'],
  'trouver-un-emploi': ['theme--emploi-insertion'],
  'souvrir-a-linternational': ['theme--emploi-insertion'],
  'creation-activite': ['theme--creation-activite'],
  'creer-une-entreprise': ['theme--creation-activite'],
  'equipement-et-alimentation--alimentation': ['theme--alimentation'],
  'gestion-financiere--obtenir-une-aide-alimentaire': ['theme--alimentation'],
  'gestion-financiere--acces-au-micro-credit': ['theme--finance-solidaire'],
  famille: ['theme--famille'],
  handicap: ['theme--handicap'],
  'apprendre-francais': ['theme--education-formation'],
  illettrisme: ['theme--education-formation'],
  'lecture-ecriture-calcul': ['theme--education-formation'],
  'se-former': ['theme--education-formation'],
  'logement-hebergement': ['theme--logement'],
  mobilite: ['theme--mobilite'],
  numerique: ['theme--numerique'],
  'remobilisation--lien-social': ['theme--solidarite-lien-social'],
  'remobilisation--bien-etre': ['theme--bien-etre'],
  'remobilisation--bien-etre-confiance-en-soi': ['theme--bien-etre'],
  'remobilisation--restaurer-sa-confiance-son-image-de-soi': ['theme--bien-etre'],
  'remobilisation--activites-sportives-et-culturelles': ['theme--sport-loisirs', 'theme--culture'],
  'remobilisation--decouvrir-son-potentiel-via-le-sport-et-la-culture': [
    'theme--sport-loisirs',
    'theme--culture',
  ],
  'remobilisation--benevolat-action-citoyenne': ['theme--citoyennete-droits'],
  'remobilisation--participer-a-des-actions-solidaires-ou-de-benevolat': ['theme--solidarite-lien-social'],
  sante: ['theme--sante'],
};

/** v0 `profils` → v1 publics (the v1 values map to themselves). */
export const V0_PROFILS: Readonly<Record<string, string>> = {
  'demandeurs-demploi': 'demandeurs-emploi',
  'beneficiaires-rsa': 'beneficiaires-des-minimas-sociaux',
  'familles-enfants': 'familles',
  'jeunes-16-26': 'jeunes',
  retraites: 'seniors',
  'seniors-65': 'seniors',
  'personnes-handicapees': 'personnes-en-situation-de-handicap',
  'deficience-visuelle': 'personnes-en-situation-de-handicap',
  'personnes-de-nationalite-etrangere': 'personnes-exilees',
  'sans-domicile-fixe': 'personnes-en-situation-durgence',
  victimes: 'personnes-en-situation-durgence',
  'sortants-de-detention': 'personnes-en-situation-juridique-specifique',
  salaries: 'actifs',
};

/** v0 `typologie` → legal form and family. */
export const TYPOLOGIES: Readonly<Record<string, { form: LegalForm; family?: Family }>> = {
  ASSO: { form: 'association', family: 'association' },
  ACI: { form: 'siae-aci' },
  AI: { form: 'siae-ai', family: 'association' },
  EI: { form: 'siae-ei' },
  ETTI: { form: 'siae-etti' },
  EITI: { form: 'siae-eiti' },
  GEIQ: { form: 'geiq' },
  EA: { form: 'ea' },
  ESAT: { form: 'esat' },
  SCOP: { form: 'scop', family: 'cooperative' },
  SCIC: { form: 'scic', family: 'cooperative' },
};

export const FEES: Readonly<Record<string, 'gratuit' | 'gratuit-sous-conditions' | 'payant' | 'adhesion'>> = {
  gratuit: 'gratuit',
  'gratuit-sous-conditions': 'gratuit-sous-conditions',
  'pass-numerique': 'gratuit-sous-conditions',
  payant: 'payant',
  adhesion: 'adhesion',
};
export const MOBILISATION: Readonly<
  Record<string, 'se-presenter' | 'telephoner' | 'envoyer-un-courriel' | 'completer-le-formulaire' | 'autre'>
> = {
  'se-presenter': 'se-presenter',
  telephoner: 'telephoner',
  'envoyer-un-courriel': 'envoyer-un-courriel',
  'envoyer-un-mail': 'envoyer-un-courriel',
  'envoyer-un-mail-avec-une-fiche-de-prescription': 'envoyer-un-courriel',
  'utiliser-lien-mobilisation': 'completer-le-formulaire',
  'completer-le-formulaire': 'completer-le-formulaire',
  'completer-le-formulaire-dadhesion': 'completer-le-formulaire',
  'envoyer-le-formulaire': 'completer-le-formulaire',
  autre: 'autre',
};
export const SERVICE_TYPES = new Set([
  'accompagnement',
  'aide-financiere',
  'aide-materielle',
  'atelier',
  'formation',
  'information',
  'autre',
]);
export const V0_SERVICE_TYPES: Readonly<Record<string, string>> = {
  'aide-pecuniaire': 'aide-financiere',
  financement: 'aide-financiere',
  numerique: 'information',
  'delegation-de-service-public': 'autre',
};
