/**
 * Whether a piece of label text reads as a sentence (a direction, a certification, an address, a batch
 * code) rather than as an ingredient name. Ingredient names are noun phrases of chemistry, botany and
 * materials: they carry no articles, pronouns, auxiliaries or imperatives, no adverbs, no durations or
 * temperatures, no company forms. The evidence is grammatical, in the label languages we read, not a list of
 * the sentences packs happen to print.
 */

/**
 * Function words that no ingredient name contains (en, fr, es, de, it, pt, nl). Left out on purpose: "of",
 * "and", "with", "in" (names have them), "a" (Vitamin A), "may" ("May contain:" opens a list).
 */
const FUNCTION_WORDS = new Set(
  [
    // en
    'the an is are was were be been being this that these those your you our we it its they them their',
    "to for after before when if not do does did don’t don't please only until during than should must each",
    'will can could would might has have had there here into onto about always never every contains',
    // fr
    'le la les un une des du est sont vous votre vos nous notre nos ce cette ces pour avant après',
    'ne pas ou si il elle',
    // es
    'el los las una es son usted su sus nuestro nuestra este esta estos para antes después',
    // de
    'der die das ein eine ist sind sie ihr ihre unser unsere dieser diese nicht vor nach für bitte',
    // it
    'il lo gli una è sono questo questa prima dopo non per',
    // pt
    'os uma são você seu sua este esta para depois não',
    // nl
    'het een zijn uw ons onze deze dit voor na niet',
  ]
    .join(' ')
    .split(' '),
);

/** Verbs that open a direction or a warning ("Rinse well after use", "Keep away from…"), several languages. */
const IMPERATIVE =
  /^(?:use|apply|rinse|keep|store|shake|wash|dispose|discard|avoid|consult|stop|ask|read|insert|remove|change|wear|see|call|visit|contact|discontinue|open|close|squeeze|pump|spray|massage|wipe|flush|recycle|replace|protect|follow|pour|dilute|dry|pat|gently|suitable|tested|recommended|designed|developed|formulated|enriched|utiliser|utilisez|appliquer|appliquez|rincer|rincez|conserver|conservez|tenir|ne|usar|use|aplicar|aplique|enjuagar|enjuague|conservar|conserve|mantener|mantenga|anwenden|auftragen|abspülen|aufbewahren|nicht|usare|applicare|risciacquare|conservare|tenere|agitare|gebruiken|aanbrengen|spoelen|bewaren|houd|utilizar|aplicar|enxaguar|manter)(?![\p{L}])/iu;

/** Adverbs ("dermatologically", "clinically", "gently"): names of substances have none. */
const ADVERB = /(?:ally|ously|ively|ently|antly|fully|ately|ingly|ably|ibly|ement|mente|lich)$/iu;

/** A quantity that is not a strength: durations, temperatures, sizes, pack counts, volumes. */
const NON_STRENGTH_QUANTITY =
  /(?<![\p{L}\p{N}])\d{1,4}(?:[.,]\d{1,3})? ?(?:months?|mois|meses|monate|mesi|maanden|years?|ans|años|jahre|anni|jaar|days?|jours|días|tage|giorni|dagen|hours?|hrs?|heures|horas|stunden|ore|uur|minutes?|min|°\s?[cf]|ºc|°|cm|mm|inch(?:es)?|oz|fl\.? ?oz|ml|l|pcs|pieces|count|ct|pads|tampons|liners|wipes)(?![\p{L}])|(?<![\p{L}])(?:box(?:es)?|packs?|cartons?|tubes?) of \d/iu;

/** A company form, a postbox, a postcode with a city, a street: an address line. */
const ADDRESS =
  /(?<![\p{L}\p{N}])(?:(?:inc|llc|ltd|limited|gmbh|corp|plc|pty)\.?|(?:co|s\.a|s\.a\.s|s\.p\.a|s\.r\.l|b\.v|n\.v|ag|kg)\.)(?![\p{L}\p{N}])|p\.? ?o\.? box|(?<![\p{L}\p{N}])(?:street|avenue|ave|road|rd|suite|blvd|boulevard|strasse|straße|rue|calle|straat)(?![\p{L}\p{N}])/iu;

/** A lot, batch, expiry or reference code: letters run into five or more digits, or the word and a code. */
const CODE =
  /(?<![\p{L}\p{N}])(?:(?!ci ?\d{5}(?!\d))[a-z]{1,3}\d{5,}[a-z0-9]*|(?:lot|batch|exp|ref)\.?:? ?(?=[a-z0-9\-/]{0,15}\d)[a-z0-9\-/]{3,16})(?![\p{L}\p{N}])/iu;

/** "q.s.p.", "c.b.p.", "q.s. to 100%": the base made up to the amount, not an ingredient. */
export const SUFFICIENT = /(?<![\p{L}])(?:q\.? ?s\.? ?p|c\.? ?b\.? ?p|c\.? ?s\.? ?p|q\.? ?s)\.?(?![\p{L}])/iu;

/** More words than an ingredient name has, with no list separator between them. */
const MAX_NAME_WORDS = 9;

/**
 * Whether `fragment` (an item or a line of a list, parentheses included) reads as prose. Text inside
 * parentheses is not judged: "(from coconut)", "(in each applicator)" are notes about a name.
 */
export function readsAsProse(fragment: string): boolean {
  const text = fragment.replace(/\([^()]{0,240}\)/g, ' ').trim();
  if (text === '') return false;
  const words = wordsOf(withoutNameLinks(text));
  if (words.length > MAX_NAME_WORDS) return true;
  // "cera emulsificante não iônica": "não"/"no"/"non" before "ionic" is part of a name (non-ionic).
  if (words.some((word, index) => FUNCTION_WORDS.has(word) && !/^i[oô]ni/u.test(words[index + 1] ?? '')))
    return true;
  // "l’elenco": an elided article (fr, it).
  if (words.some((word) => /^l['’]\p{L}/u.test(word))) return true;
  // "Individually-wrapped": an adverb joined to its participle is still an adverb.
  const parts = words.flatMap((word) => word.split('-'));
  if (
    parts.some((word, index) => word.length > 6 && ADVERB.test(word) && !PROCESS.test(parts[index + 1] ?? ''))
  )
    return true;
  if (IMPERATIVE.test(text.replace(/^[^\p{L}]+/u, '')) && words.length >= 2) return true;
  if (ENDORSED.test(text) || MARK.test(text) || QUESTION.test(text) || namesDosageForm(words)) return true;
  if (MAKER.test(text)) return true;
  // "see also section 2", "g": a cross-reference, a unit alone.
  if (CROSS_REFERENCE.test(text) || UNIT_ALONE.test(text)) return true;
  // "GYNO-CANESTEN 100 mg comprimidos vaginales": a product named with its form and route ("Hydrophilic
  // ointment", a vehicle, has no route).
  if (endsWithDosageForm(text, { withRoute: true })) return true;
  const code = CODE.test(text) && !STRAIN.test(text);
  return NON_STRENGTH_QUANTITY.test(text) || ADDRESS.test(text) || code || SUFFICIENT.test(text);
}

/** The lower-case words of a fragment, without the punctuation around them. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s,;:]+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}’']+$/gu, ''))
    .filter((word) => word !== '');
}

/**
 * Names whose words include a function word, as pharmacopoeias and INCI name them: "Water for Injections",
 * "Agua para inyectables", "Woda do wstrzykiwań", "Baume du Pérou", "Éther monoéthylique du diéthylène
 * glycol", "Tessuto non tessuto", "Microkristallijne was" (Dutch: wax), "Cremophor EL" (a grade in capitals).
 */
const NAME_LINKS = [
  /(?<=\p{L} )(?:for|para|pour|per|für|do|ad) (?:préparations |preparazioni )?(?=inj|iny|iniet|iniec|wstrzyk)/giu,
  /(?<=(?:balsam|baume|bálsamo|balsamo) )(?:of|du|do|del|de|von) (?=(?:p[ée]rou|per[uú]|tolu)(?![\p{L}]))/giu,
  /(?<=\p{L} )(?:du|do|del|della|de la) (?=\p{L}*(?:ène|eno|yle|ilo|glycol|glicol)(?![\p{L}]))/giu,
  /(?<=\p{L} )(?:non|não|nao) (?=\p{L}{2,}(?:to|ta|ti|te|ile|ible|ível|ado|ada|ido|ida|ico|ica)(?![\p{L}]))/giu,
  /(?<=\p{L}{4,}e )was$/giu,
];

/** A word in capitals of up to three letters inside a name printed in mixed case: a grade ("Cremophor EL"). */
const GRADE_IN_CAPITALS = /(?<=\p{Ll}\p{L}* )\p{Lu}{1,3}(?![\p{L}])/gu;

/** The fragment without the function words that belong to a name ({@link NAME_LINKS}) or are its grade. */
function withoutNameLinks(text: string): string {
  const linked = NAME_LINKS.reduce((rest, link) => rest.replace(link, ''), text);
  return /\p{Ll}/u.test(linked) ? linked.replace(GRADE_IN_CAPITALS, '') : linked;
}

/** What an adverb describes in a substance's name: a process ("partially hydrogenated", "…dehydrated"). */
const PROCESS = /^(?:(?:de|dé|des|dés)?(?:hydr|hidr|idr)|neutrali|esterif|saponif|deacetyl|denatur)/iu;

/** A strain's code after its species ("Lactobacillus plantarum P17630", "L. crispatus CTV-05"). */
const STRAIN =
  /^(?:lacto\p{L}*|bifido\p{L}*|lacti\p{L}*|limosi\p{L}*|strepto\p{L}*|saccharo\p{L}*|[lbs]\.) \p{L}+ [\p{L}\d-]+$/iu;

/** A reference to another section of a leaflet ("see section 6.1", "vedere paragrafo", "voir rubrique"). */
export const CROSS_REFERENCE =
  /(?<![\p{L}])(?:see|vedere|ver|voir|siehe|zie|consulte)(?: also| anche| também| auch| aussi)? (?:section|paragrafo|paragraph|apartado|ep[ií]grafe|rubrique|abschnitt|rubriek|sec[çc][aã]o|se[çc][aã]o|punto|point|item)(?![\p{L}])/iu;

/** A unit printed alone, left over from an amount ("g", "mg"). */
const UNIT_ALONE = /^(?:g|mg|mcg|µg|ml|l|kg|iu|ui|%)$/iu;

/** Who made, packed or sells the product, and where ("Made by Lotus Labs", "Fabriqué en France"). */
const MAKER =
  /^(?:made|manufactured|produced|distributed|packed|packaged|imported|marketed|hergestellt|fabriqu[ée]e?|fabricad[oa]|prodott[oa]|geproduceerd|vervaardigd)(?: exclusively)? (?:by|in|for|von|für|par|en|pour|por|para|da|door|voor)(?![\p{L}])/iu;

/**
 * A question ("What is in our tampons?", "¿Qué contiene …?", "Questions? 1-800-…"): a page's title or a
 * panel's contact line, never a name.
 */
const QUESTION = /^¿|\?(?:\s|$)/u;

/**
 * The forms a drug or product is made up in, and where it is used: "Crema vaginale", "comprimidos
 * vaginales", "Vaginal cream". "Gel" is left out: makers name a pad's superabsorbent "gel".
 */
const DOSAGE_FORM_WORDS = new Set(
  [
    'cream creams ointment ointments pessary pessaries suppository suppositories tablet tablets capsule capsules ovule ovules solution lotion foam douche insert inserts applicator applicators',
    'crème crèmes creme cremes pommade ovule ovules comprimé comprimés capsule capsules solution suppositoire suppositoires gélule gélules',
    'crema cremas pomada comprimido comprimidos óvulo óvulos cápsula cápsulas solución supositorio supositorios',
    'crema creme pomata compressa compresse ovulo ovuli capsula capsule soluzione supposta supposte',
    'salbe vaginalcreme vaginaltablette vaginaltabletten zäpfchen vaginalzäpfchen vaginalkapseln vaginalstäbchen kapseln lösung',
    'creme comprimido comprimidos óvulo óvulos cápsula cápsulas solução',
    'crème zalf tabletten zetpil zetpillen oplossing',
  ]
    .join(' ')
    .split(' '),
);
const ROUTE_WORDS =
  /^(?:vaginal(?:e|es|is|i)?|intravaginal|topical|topique|t[oó]pic[oa]|topic[oa]|rectal(?:e|es)?|cutane[oa]|cutan[ée]e?|dermal|external|externe|oral(?:e|es)?)$/iu;

/** Whether `text` ends with a dosage form and its route ("GYNO-CANESTEN 2% crema vaginal"). */
export function endsWithDosageForm(text: string, { withRoute = false } = {}): boolean {
  const words = formWords(text);
  const formStart = words.findLastIndex((word) => !DOSAGE_FORM_WORDS.has(word) && !ROUTE_WORDS.test(word));
  const form = words.slice(formStart + 1);
  return namesDosageForm(form) && (!withRoute || form.some((word) => ROUTE_WORDS.test(word)));
}

/** Whether `text` names only a dosage form ("cream", "crema vaginal"). */
export function isDosageForm(text: string): boolean {
  return namesDosageForm(formWords(text));
}

/** The lower-case words of `text`, without punctuation, to compare with the dosage form words. */
function formWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s,.;:()]+/u)
    .filter((word) => word !== '');
}

/** Whether the words name only a dosage form and its route ("crema vaginal"): the product, not an ingredient. */
function namesDosageForm(words: readonly string[]): boolean {
  return (
    words.some((word) => DOSAGE_FORM_WORDS.has(word)) &&
    words.every((word) => DOSAGE_FORM_WORDS.has(word) || ROUTE_WORDS.test(word))
  );
}

/**
 * A claim that closes with who vouches for it or what it suits ("Gynecologist approved", "Clinically proven",
 * "Latex condom compatible", "Toy friendly").
 */
const ENDORSED =
  /(?<![\p{L}])(?:approved|tested|certified|recommended|proven|endorsed|accredited|registered|licensed|compatible|friendly|safe)$/iu;

/**
 * A certification or pack mark printed alone on its line ("Vegan", "FSC Mix", "PAO 12M", "Leaping Bunny"):
 * the mark names a scheme, never a substance.
 */
const MARK =
  /^(?:vegan|vegetarian|halal|kosher|fsc(?: (?:mix|recycled|100 ?%))?|pefc|pao(?: \d{1,2} ?m)?|\d{1,2} ?m pao|ecocert(?: [\p{L} ]{0,20})?|cosmos(?: [\p{L} ]{0,20})?|natrue|oeko-?tex(?: [\p{L}\d ]{0,20})?|gots(?: certified)?|leaping bunny|ce(?: \d{4})?)$/iu;

/**
 * Whether one word is, by itself, evidence of prose in {@link readsAsProse}: a function word, an adverb, a
 * company or street word, or an opening verb. Names made only of other words are never cut as prose.
 */
export function isProseWord(word: string): boolean {
  const lower = word.toLowerCase();
  return (
    FUNCTION_WORDS.has(lower) ||
    (lower.length > 6 && ADVERB.test(lower)) ||
    IMPERATIVE.test(lower) ||
    ADDRESS.test(lower) ||
    ADDRESS.test(`${lower}.`)
  );
}
