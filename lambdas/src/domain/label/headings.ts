import type { IngredientRole } from '../types.ts';

/**
 * The headings that open an ingredient list, in the languages labels and leaflets print, and the role each
 * gives its list. Kept as data: a language is added by adding its words here (with a test), never by
 * editing the pattern that is built from them.
 *
 * In the words below a space stands for a space or a line break (a heading may wrap); ` ?` is an optional
 * space. The order matters where two headings start alike: the first that fits is taken ("The other
 * ingredients are" before "other ingredients").
 */

/** Words that count a dose before what it contains ("Each gram", "Cada 4 g", "1 pessary", "Vsaka tableta"). */
export const DOSE_COUNT =
  '(?:each|cada|chaque|jede[rs]?|ogni|elke|jedn[aoy]|jeden|egy|fiecare|vsak[aoi]|svak[aoi]|κάθε|varje|hver|jokainen|кожн\\p{L}{1,3}|кажд\\p{L}{1,3}|1)';

/** "contains" after a dose count, in the leaflet languages. */
const CONTAINS = [
  'contains?',
  'cont[eé]m',
  'contêm',
  'contiene',
  'contienen',
  'contengono',
  'contient',
  'contiennent',
  'enth[äa]lt',
  'enthalten',
  'bevat',
  'zawiera',
  'obsahuje',
  'tartalmaz',
  'con[țţt]ine',
  'vsebuje',
  'sadr[žz]i',
  'περιέχει',
  'inneh[åa]ller',
  'indeholder',
  'inneholder',
  'sis[äa]lt[äa][äa]',
  'містить',
  'содержит',
];

/** One of the words for "contains" above, as a pattern. */
export const CONTAINS_WORD = `(?:${CONTAINS.join('|')})`;

/**
 * The section titles of the EU Summary of Product Characteristics (the QRD template): "2. Qualitative and
 * quantitative composition" names the actives, "Excipient(s) with known effect" and "6.1 List of
 * excipients" the inactive ingredients.
 */
const SMPC = [
  'qualitative and quantitative composition',
  'composici[oó]n cualitativa y cuantitativa',
  'composition qualitative et quantitative',
  'qualitative und quantitative zusammensetzung',
  'composizione qualitativa e quantitativa',
  'composi[cç][aã]o qualitativa e quantitativa',
  'kwalitatieve en kwantitatieve samenstelling',
  'list of excipients',
  'lista de excipientes',
  'liste des excipients',
  'liste der sonstigen bestandteile',
  'elenco degli eccipienti',
  'lista dos excipientes',
  'lijst van hulpstoffen',
  'excipients? with known effect',
  'excipientes? con efecto conocido',
  'excipients? à effet notoire',
  'sonstiger? bestandteile? mit bekannter wirkung',
  'eccipienti? con effetti? noti',
  'excipientes? com efeito conhecido',
  'hulpstoff(?:en)? met bekend effect',
];

/** The sentences of the EU package leaflet template that open its lists ("The active substance is …"). */
const LEAFLET_SENTENCES = [
  'la substance active est',
  'les autres composants sont',
  'der wirkstoff ist',
  'die sonstigen bestandteile sind',
  'el principio activo es',
  'los dem[aá]s componentes son',
  'il principio attivo [eè]',
  'gli altri componenti sono',
  'a subst[aâ]ncia ativa [eé]',
  'os outros componentes s[aã]o',
  'de werkzame stof (?:in dit middel )?is',
  'de andere stoffen (?:in dit middel )?zijn',
];

/** The headings, in the order they are tried. */
const HEADINGS = [
  // Sentences and dose counts that open a leaflet's lists.
  '(?:the )?(?:active substances?|other ingredients) (?:is|are)',
  `${DOSE_COUNT} [^\\n:]{1,60}? ${CONTAINS_WORD}`,
  ...SMPC,
  // A drug's base and excipients.
  'excipientes?',
  'excipients?(?: ingredients)?',
  'eccipienti',
  'hilfsstoffe',
  'hulpstoffen',
  've[ií]culo',
  'vehicle',
  '(?:in an? )?(?:[\\p{L}-]{1,30} )?base (?:of|containing|consisting of)',
  'compounded with',
  `(?:${LEAFLET_SENTENCES.join('|')})`,
  // Drug Facts panels and English records.
  '(?:in)?active ingredients?(?: ?\\(s\\))?',
  'actives?(?= ?[:：])',
  'also contains?',
  "what['’]?s in(?:side)?(?: (?:it|them|the (?:box|pack|bottle|tube)))? ?\\?",
  // Actives and excipients in the other EU leaflet languages (it, es, pt, fr, nl, cs, sk, pl, hu, ro, sv,
  // el, bg, hr, sl, lt, lv, et).
  'princip(?:i|io|ios|e|es|ío|íos) (?:attiv[oi]|activ[oa]s?|ativ[oa]s?|actifs?)',
  'substances? actives?',
  'sustancias? activas?',
  'sostanz[ae] attiv[ae]',
  'subst[aâ]ncias? ativas?',
  'werkzame stof(?:fen)?',
  'l[ée]čiv[áé] l[áa]tky?',
  'lie[čc]iv[oá]',
  'pomocn[ée] l[áa]tky',
  'substancj[ae] czynn[ae]',
  'substancje pomocnicze',
  'hat[óo]anyag(?:ok)?',
  'seg[ée]danyag(?:ok)?',
  'substan[țţt]a activ[ăa]',
  'substan[țţt]ele active',
  'excipien[țţt]i',
  'hj[äa]lp[äa]mnen',
  'δραστικ[ήέ] ουσ[ίι]α',
  'έκδοχα',
  'активн[оа] веществ[оа]',
  'помощни веществ[аo]',
  'djelatn[ae] tvari?',
  'pomo[ćc]ne tvari',
  'zdravilna u[čc]inkovina',
  'pomo[žz]ne snovi',
  'veiklioji med[žz]iaga',
  'pagalbin[ėe]s med[žz]iagos',
  'akt[īi]v[āa] viela',
  'pal[īi]gvielas',
  'toimeaine(?:d)?',
  'abiained',
  // Canadian, German, Ukrainian and Russian records.
  '(?:other|non-?medicinal) ingredients',
  'active substances?',
  'wirkstoff(?:e|kombination)?',
  'sonstige bestandteile',
  'діюч[аі] речовин[аи]',
  'допоміжн[аі] речовин[аи]',
  'действующ(?:ее|ие) веществ[оа]',
  'вспомогательн(?:ое|ые) веществ[оа]',
  '(?:auxiliary|inactive|other) substances',
  'medicinal ingredients?',
  // Cosmetics: INCI, and "ingredients" in the languages packs print. `1`, `l` and `|` for the leading `I`
  // are how phone OCR most often misreads "Ingredients".
  'inci',
  '全成分',
  '成分',
  '전성분',
  '성분',
  '配料',
  'المكونات',
  'רכיבים',
  '[il1|]ngr[eé]dients?(?: ?\\(s\\))?(?: (?:inactifs|actifs))?',
  // "Ingr.:", "Ingred.:" as small packs abbreviate it.
  'ingr(?:ed)?\\.?(?= ?[:：])',
  'ingredientes(?: (?:inactivos|activos|inativos|ativos))?',
  'ingredienti',
  'ingredi[eë]nten',
  'inhaltsstoffe',
  'zusammensetzung',
  'composici[oó]n',
  'composi[cç][aã]o',
  'composizione',
  'samenstelling',
  'composition(?: of(?: the)?(?: [\\p{L}-]{1,20}){1,3}?(?= ?[:：]))?',
  'sk[łl]adniki',
  'ingredienser',
  'inneh[åa]ll',
  'slo[žz]en[ií]',
  'zlo[žz]enie',
  '[öo]sszetev[őöo]k',
  'ingrediente',
  'συστατικά',
  '[iİ]çindekiler',
  'состав',
  'склад',
  'sastav',
  'sestava',
  'sud[ėe]tis',
  'sast[āa]vs',
  'koostis(?:osad)?',
  'състав',
  'aktiv(?:e|t)? (?:ingrediens(?:er)?|substans|stof(?:fer)?)',
  'virkestoff(?:er)?',
  'hjelpestoff(?:er)?',
  'hj[æa]lpestoffer',
  'sammensetning',
  'sammens[æa]tning',
  'ainesosat',
  'apuaineet',
  'vaikuttava aine',
  // "1 supp." alone on its line, as translated leaflets count the dose.
  '1 (?:supp|tab|caps|pess|vag)\\p{L}{0,12}\\.?(?=\\n)',
];

/**
 * Words that also occur inside lists and prose ("Topsheet material:", "fragrance (contains: …)"): they only
 * open a list at the start of a line or sentence, or where no list is open.
 */
const WEAK_HEADINGS = [
  'preservatives?',
  'conservantes?',
  'conservateurs?',
  'konservierungsmittel',
  'conservanti',
  'materials?',
  'materiales',
  'materiais',
  'materiali',
  'materialen',
  'materialien',
  'mat[eé]riaux',
  'mati[eè]res',
  'contains',
  'made (?:with|from)',
  'components?',
];

/** A space in the words above stands for a space or a line break; " ?" stays an optional space. */
function wrapping(pattern: string): string {
  return pattern.replace(/ (?!\?)/gu, '[ \\n]');
}

/**
 * A heading: not inside a word, not a marketing highlight ("Key ingredients:"), then its name (`weak` when a
 * weak word), an optional note in parentheses and footnote marks, and how it ends (`delimiter`): a colon or
 * semicolon, a dash or a period before a space, "Purpose" run on as Drug Facts panels print it, a line
 * break, or — `space` — a space before the list run into its line.
 */
export const HEADING = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?<!(?:key|hero|star|featured|highlighted) )(?<name>${HEADINGS.map(wrapping).join('|')}|(?<weak>${WEAK_HEADINGS.map(wrapping).join('|')}))(?: ?\([^()\n]{1,60}\))?[*†‡¹²³]{0,3}(?<delimiter> ?[:;：]| ?[-–—](?=[ \n])| ?\.(?=[ \n]|$)| ?purposes?(?=[ \n]|$|\p{Lu})|(?=\n|$)|(?<space> )(?=[\p{L}\p{N}]))`,
  'giu',
);

/** Whether `text` is a heading and nothing else ("Ingrédients", "Inhaltsstoffe"), as multilingual packs chain them. */
export function isHeadingAlone(text: string): boolean {
  return HEADING_ALONE.test(text.trim());
}

const HEADING_ALONE = new RegExp(
  `^(?:${[...HEADINGS, ...WEAK_HEADINGS].map(wrapping).join('|')})[:：]?$`,
  'iu',
);

/**
 * Words of a heading that say its list holds a drug's inactive ingredients (tried first: "Inactive
 * ingredients" holds "active"), in the languages above.
 */
const INACTIVE_WORDS = [
  'inactive|other|also|auxiliary|sonstige',
  'pomocn|seg[ée]danyag|excipien|hj[äa]lp|έκδοχα|помощни|pomo[ćcžz]n|pagalbin|pal[īi]gviel|abiaine',
  'допоміжн|вспомогательн',
  'preserv|conserv|konserv',
  // "List of excipients", "… with known effect", in the SmPC languages.
  'list|lista|liste|elenco|lijst|known|conocido|notoire|bekannter|noti|conhecido|bekend',
  'hjelpestoff|hj[æa]lpestoff|apuaineet|non-?medicinal|inactifs|inactivos|inativos',
  'autres|sonstigen|dem[aá]s|altri|outros|andere',
  'excipient|eccipienti|hilfsstoffe|hulpstoffen|ve[ií]culo|vehicle|base|compounded',
];

/** Words of a heading that say its list holds a drug's actives. */
const ACTIVE_WORDS = [
  '^medicinal|^1 |active|^wirkstoff|attiv|princip',
  'l[ée]čiv|lie[čc]iv|czynn|hat[óo]anyag|activ[ăa]|δραστικ|активн|djelatn|u[čc]inkovin|veiklioji|akt[īi]v|toimeaine',
  'діюч|действующ',
  'quantitative|cuantitativa|quantitativ|kwantitatieve',
  'aktiv|virkestoff|vaikuttava|actifs|activos|ativos|activ[eo]|attivo|ativa|wirkstoff|werkzame',
  '^(?:each|cada|chaque|jede|ogni|elke|jedn[aoy]|jeden|egy|fiecare|vsak[aoi]|svak[aoi]|κάθε|varje|hver|jokainen|кожн|кажд)',
];

const INACTIVE_HEADING = new RegExp(INACTIVE_WORDS.join('|'), 'iu');
const ACTIVE_HEADING = new RegExp(ACTIVE_WORDS.join('|'), 'iu');

/** What a heading says of its list: a drug's actives, its inactive ingredients, or just ingredients. */
export function roleOf(heading: string): IngredientRole {
  if (INACTIVE_HEADING.test(heading)) return 'inactive';
  return ACTIVE_HEADING.test(heading) ? 'active' : 'ingredient';
}

/** Where a capitalised word is glued onto the one before it ("CompositionPrincipe", "E.F.G.Cada"). */
const GLUE = /(?<=[\p{Ll}.])(?=\p{Lu}\p{Ll})/gu;
const HEADING_HERE = new RegExp(`(?:${HEADINGS.map(wrapping).join('|')})(?![\\p{L}])`, 'iuy');

/**
 * The text with a line break before each heading glued onto the word before it, as text taken from web
 * pages and converted documents gives it ("CompositionPrincipe actif: …", "E.F.G.Cada gramo contiene:").
 */
export function separateGluedHeadings(text: string): string {
  return text.replace(GLUE, (_glue, offset: number) => {
    HEADING_HERE.lastIndex = offset;
    return HEADING_HERE.test(text) ? '\n' : '';
  });
}
