import { findClaims } from './claims.ts';
import { AMOUNT, TRAILING_AMOUNT } from './item-names.ts';
import { blendedMaterials, ENDS_WITH_MATERIAL, findMaterialsOfParts } from './material-parts.ts';
import { readsAsProse } from './prose.ts';
import { FORM } from './qualifiers.ts';

/**
 * Materials named inside sentences, as pad, tampon and cup makers describe them where a pack or page has no
 * "Materials:" heading: "The core is made from absorbent cellulose and gel", "it's 53% Supima cotton, 35%
 * modal and 12% elastane", "100% organic cotton". Only used when a label yields no list otherwise.
 */

/** The forms a drug's actives are made up in: "in a cream of", "in a water-soluble base of". */
const VEHICLE = '(?:base|cream|gel|jelly|ointment|vehicle|lotion|suppository)';

/** How much of the product a material makes: "made mostly of", "consists primarily of". */
const EXTENT =
  '(?:mostly|mainly|largely|primarily|chiefly|predominantly|principally|entirely|wholly|completely|exclusively|solely|only|purely|fully|partly|partially)';

/** Words that introduce what something is made of, in the label languages we read. */
const MADE_OF = new RegExp(
  String.raw`(?<![\p{L}])(?:(?:made|manufactured|produced|crafted|constructed)[ \n](?:${EXTENT}[ \n])?(?:up[ \n]of|out[ \n]of|of|from|with|using)|consist(?:s|ing)?[ \n](?:${EXTENT}[ \n])?of|composed[ \n](?:${EXTENT}[ \n])?of|comprised[ \n](?:${EXTENT}[ \n])?of|compris(?:es|ing)|formulated[ \n](?:with|using|from)|(?:overwrapped|covered|coated|lined)[ \n]with|compounded[ \n]with|in[ \n]an?[ \n](?:[\p{L}-]{1,30}[ \n])?${VEHICLE}[ \n](?:of|containing)|(?:formulation|composition)[ \n]includes?|(?<!(?:not|n['’]t|no) )(?:contains?|containing)|including|ingredients(?:[ \n](?:of|in)(?:[ \n][\p{L}-]{1,30}){1,3}?)?[ \n](?:are|include)(?:[ \n]the[ \n]following)?|bestehen?[ \n]aus|besteht[ \n]aus|(?:fabriqu[ée]e?s?|faite?s?|compos[ée]e?s?)[ \n](?:de|en)|(?:hech[oa]s?|fabricad[oa]s?)[ \n](?:de|con)|(?:realizzat[oaie]|fatt[oaie])[ \n](?:di|in|con)|gemaakt[ \n](?:van|uit)|feit[oa]s?[ \n]de)[ \n:]+`,
  'giu',
);

/** The first lead of a sentence. */
const FIRST_LEAD = new RegExp(MADE_OF.source, 'iu');

/**
 * Where such a sentence ends: a sentence stop (not a decimal point), a line break (not after a separator: the
 * list goes on on the next line), a dash or a bracketed aside.
 */
const SENTENCE_END = /(?<!\d)\.|\.(?!\d)|[!?—–]|(?<![,;•·] ?)\n|\s-\s|$/u;
/** The same stops, to cut a text into its sentences. */
const SENTENCE_STOPS = /(?:(?<!\d)\.|\.(?!\d)|[!?\n])+/u;
const MAX_SENTENCE = 400;

/**
 * Separators between the materials of one sentence: commas (not between digits: "propane-1,3-diol"), or the
 * semicolons or bullets some print.
 */
const ITEM_SEPARATOR =
  /(?:,(?!\d)|(?<!\d),|[;•·])\s?(?:and |or |&)?| (?:and\/or|as well as|and|&|or|plus|und|et|y|e|en) /iu;
/** A composition may also pair its parts with a slash ("70% bamboo/30% cotton"). */
const COMPOSITION_SEPARATOR = new RegExp(`${ITEM_SEPARATOR.source}|\\/`, 'iu');

/**
 * Words after which a material's name is over ("synthetic materials similar to those used in garments",
 * "organic cotton with a touch of spandex"): the sentence has turned to prose, and the list ends there.
 */
const STOP_WORDS = new Set(
  'similar like such both either which who that so but because while whereas where with a an the to for is are was were its it this these those than as by in on at of from made worn grown sewn spun designed used any some all no not none therefore thus also only just even very more most less'.split(
    ' ',
  ),
);

/** Nouns that say "materials" without naming one. */
const GENERIC_NOUN =
  /^(?:materials?|fabrics?|fibres?|fibers?|components?|parts?|ingredients?|layers?|things|products?|amount|quantity|materiali?|matériaux|materialien|natural|synthetic)$/iu;
/** Words before such a noun that praise or point, and describe nothing ("highest quality materials"). */
const EVALUATIVE =
  /^(?:high|higher|highest|best|finest|premium|quality|top|great|good|same|only|different|specific|selected|other|various|many|several|certain|all|our|the|these|those|such|new|safe|safest|gentle|soft|softest|grade)$/iu;

/**
 * Whether a phrase names no material: a generic noun alone or after words of praise ("highest quality
 * materials"), once the form of a named material is off ("rayon fibers" names rayon). "Synthetic materials"
 * says what the label says of its materials, and stays.
 */
function isGeneric(name: string): boolean {
  const words = name
    .replace(FORM, '')
    .trim()
    .split(/[\s-]+/u);
  const head = words.at(-1) ?? '';
  return GENERIC_NOUN.test(head) && words.slice(0, -1).every((word) => EVALUATIVE.test(word));
}

/** A percentage that starts a material in a composition ("53% cotton", "100 percent organic cotton"). */
const PERCENT_LED = /^\d{1,3}(?:[.,]\d)? ?(?:%|percent|prozent|pour ?cent|por ?ciento)(?= )/iu;

/**
 * "a pad of", "a blend of", "absorbent ingredients like": words before a material that only say how much,
 * which, or that examples follow.
 */
const CONTAINER =
  /^(?:(?:a|an|the)\s+)?(?:[\p{L}-]{1,30}\s+){0,2}(?:(?:pad|layer|blend|mix(?:ture)?|combination|sheet|piece|web|core|pledget|ribbon)s?\s+of|(?:ingredients|materials|fib(?:er|re)s)\s+(?:like|such as|including))\s+/iu;

/**
 * Parts of a product, or the product, after the material they are made of ("polypropylene overwrap", "nylon
 * body", "organic cotton tampon").
 */
const PART =
  /\s+(?:tampon|pad|pantyliner|liner|cup|disc|overwrap|wrapper|wrap|tube|tubes|string|cord|body|tip|stem|cover|coating|applicator|pledget|core|layer|topsheet|backsheet)s?$/iu;

/** What a sentence is about when it describes packaging, whose materials are not the product's. */
export const PACKAGING_SUBJECT =
  /(?<![\p{L}])(?:bottles?|tubes? (?:and|with) caps?|caps?|closures?|containers?|cartons?|boxe?s?|pouch(?:es)?|pumps?|jars?|sachets?|packag(?:e|es|ed|ing))(?![\p{L}])/iu;

/**
 * A subject that is other products, not this one ("most tampons are made of viscose", "unlike conventional
 * pads", "die meisten Tampons bestehen aus Viskose"): what they are made of is not on this label.
 */
export const OTHER_PRODUCTS =
  /(?<![\p{L}])(?:most|many|some|other|others|conventional|traditional|regular|typical|ordinary|standard|non-organic|unlike|competitors?|die meisten|viele|herkömmliche[nr]?|konventionelle[nr]?|andere[nr]?|la plupart|conventionnel(?:le)?s?|autres|la mayor[ií]a|convencionales|otr[oa]s|la maggior parte|convenzionali|altri|a maioria|convencionais|outr[oa]s)(?![\p{L}])/iu;

/** A name read from a sentence, with the role the sentence gives it. */
export interface InlineName {
  readonly name: string;
  readonly role: 'active' | 'inactive' | 'ingredient';
  /** The amount printed before an active's name ("contains 2% butoconazole nitrate in a cream of…"). */
  readonly strength?: string;
}

/** The word before "ingredients" in a lead that says which ones it lists. */
const SAID_ROLE = /(?<![\p{L}])(?<said>active|inactive|other)\s*$/iu;

/** Leads that name the vehicle a drug's actives are made up in. */
const VEHICLE_LEAD = /^(?:compounded|in\s+an?\s)/iu;

/**
 * The materials named in "made of" sentences and in compositions of the text, in printed order. In a drug's
 * description ("contains 2% X and 5% Y in a cream of A, B and C") the amounts before the vehicle name the
 * actives and the vehicle's list the inactive ingredients.
 */
export function findInlineMaterials(printed: string): InlineName[] {
  const text = unwrapped(printed);
  const found: InlineName[] = [];
  const leads = [...text.matchAll(MADE_OF)];
  leads.forEach((match, index) => {
    const start = match.index + match[0].length;
    const subject = sentenceBefore(text, match.index);
    // The clause before the lead: "Unlike conventional pads made with plastic, ours are made from cotton".
    const clause = subject.slice(subject.lastIndexOf(',') + 1);
    if (PACKAGING_SUBJECT.test(subject) || OTHER_PRODUCTS.test(clause)) return;
    // "Medical-grade silicone contains silicon, oxygen…": the chemistry of a material, not the product's list.
    if (ENDS_WITH_MATERIAL.test(clause.trim())) return;
    const next = leads[index + 1];
    const sentence = sentenceFrom(text, start, next?.index);
    if (VEHICLE_LEAD.test(match[0])) {
      found.push(...materialsOf(sentence).map(({ name }) => ({ name, role: 'inactive' }) as const));
      return;
    }
    // "contains 2% X in a cream of": the amounts before a vehicle in the same sentence are the actives'.
    const beforeVehicle =
      next !== undefined && VEHICLE_LEAD.test(next[0]) && next.index === start + sentence.length;
    // "The active ingredients in X are …", "The inactive ingredients include …": the sentence gives the role.
    const said = SAID_ROLE.exec(subject)?.groups?.said?.toLowerCase();
    for (const { name, strength } of materialsOf(sentence)) {
      if (said !== undefined) found.push({ name, role: said === 'active' ? 'active' : 'inactive' });
      else
        found.push(
          beforeVehicle && strength !== undefined
            ? { name, role: 'active', strength }
            : { name, role: 'ingredient' },
        );
    }
  });
  for (const sentence of text.split(SENTENCE_STOPS)) {
    // What follows a lead was read above, its amounts with it.
    const lead = FIRST_LEAD.exec(sentence);
    const items = sentence
      .slice(0, lead?.index)
      .split(COMPOSITION_SEPARATOR)
      // "It is 53% cotton": the composition starts at its first percentage.
      .map((item) =>
        item.trim().replace(/^.*?(?=(?<![\p{L}\p{N}.,])\d{1,3}(?:[.,]\d)? ?(?:%|percent))/u, ''),
      );
    const composition = items.filter((item) => PERCENT_LED.test(item));
    // One "100% organic cotton" is a composition; one "2%" in a sentence is not.
    const isComposition =
      composition.length >= 2 ||
      (composition.length === 1 && /^100 ?(?:%|percent)/iu.test(composition[0] ?? ''));
    if (isComposition) {
      found.push(
        ...materialsOf(composition.join(', ')).map(({ name }) => ({ name, role: 'ingredient' }) as const),
      );
    }
  }
  // "a nylon body and a thermoplastic polyurethane (TPU) tip": materials named before the parts they make.
  for (const { name, index } of findMaterialsOfParts(text)) {
    // "packaged in a polyethylene tube": the packaging's material is not the product's.
    const sentence = `${sentenceBefore(text, index)}${sentenceFrom(text, index)}`;
    if (!PACKAGING_SUBJECT.test(sentence)) found.push({ name, role: 'ingredient' });
  }
  return found;
}

/** A line of a paragraph set in a narrow column, broken inside its sentence before a lower-case word. */
const WRAPPED_LINE = /(?<=[^\n]{30}[\p{L}\p{N},-])\n(?=\p{Ll})/gu;

/**
 * The text with the line breaks of a paragraph set in a narrow column taken out ("made of medical-grade\n
 * silicone that is …"): such a break does not end the sentence.
 */
function unwrapped(text: string): string {
  return text.replace(WRAPPED_LINE, ' ');
}

/** The sentence before `end`: what is said to be made of what follows. */
function sentenceBefore(text: string, end: number): string {
  const before = text.slice(Math.max(0, end - MAX_SENTENCE), end);
  const stop = Math.max(...['.', '!', '?', '\n', ';'].map((mark) => before.lastIndexOf(mark)));
  return before.slice(stop + 1);
}

/** A dash followed by a list of at least three names in the same sentence. */
const DASH_BEFORE_LIST = /\s?[—–]\s(?=[^.!?\n—–,]{1,80},[^.!?\n—–,]{1,80},)/gu;

/** The sentence from `start`, ended at its stop or where the next lead begins. */
function sentenceFrom(text: string, start: number, nextLead = Number.POSITIVE_INFINITY): string {
  // "conjugated estrogens — sodium estrone sulfate, sodium equilin sulfate, …": a dash before a list goes on.
  const rest = text.slice(start, Math.min(start + MAX_SENTENCE, nextLead)).replace(DASH_BEFORE_LIST, ', ');
  const end = rest.search(SENTENCE_END);
  return rest.slice(0, end === -1 ? rest.length : end);
}

/** "a", "an", "the" before a name: read on only when the name is a material ("a moisture-proof plastic"). */
const ARTICLE = /^(?:a|an|the)\s+/iu;

/** A material of the closed vocabulary after at most two words that describe it ("moisture-proof plastic"). */
function isDescribedMaterial(name: string): boolean {
  const words = name.split(/\s+/u);
  return (
    ENDS_WITH_MATERIAL.test(name) &&
    words.length <= 3 &&
    words.slice(0, -1).every((word) => !EVALUATIVE.test(word) && !GENERIC_NOUN.test(word))
  );
}

/** A name read from a sentence's list, with the amount printed before or after it. */
interface SentenceItem {
  readonly name: string;
  readonly strength?: string;
}

/** "0.921%", "2% w/w", "100 mg": an amount at the start or the end of an item. */
const LEADING_AMOUNT = new RegExp(`^(?:${AMOUNT.source})\\s*`, 'iu');

/** The materials of one sentence's list: each cut at its first stop word, and the list ended there. */
function materialsOf(sentence: string): SentenceItem[] {
  const materials: SentenceItem[] = [];
  for (const printed of sentence.split(ITEM_SEPARATOR)) {
    const amount = LEADING_AMOUNT.exec(printed.trim()) ?? TRAILING_AMOUNT.exec(printed.trim());
    const rawItem = printed
      .trim()
      .replace(amount?.[0] ?? '', '')
      .trim()
      .replace(CONTAINER, '');
    // "made with a moisture-proof plastic": an article before a material; before anything else, prose.
    const article = ARTICLE.exec(rawItem)?.[0] ?? '';
    const item = withoutClaimText(rawItem.slice(article.length)).replace(PART, '');
    // "made from ethically sourced, 100% organic cotton": a description set apart by a comma goes with the next.
    if (SOURCING.test(item)) continue;
    const words = item.split(/\s+/).filter((word) => word !== '');
    const stop = words.findIndex((word, index) => index > 0 && isStop(word));
    const kept = (stop === -1 ? words : words.slice(0, stop)).join(' ');
    const name = kept.replace(/^[^\p{L}\p{N}(]+|[^\p{L}\p{N})]+$/gu, '').replace(TRAILING_CONJUNCTION, '');
    const first = (rawItem.slice(article.length).trim().split(/\s+/)[0] ?? '').toLowerCase();
    if (article !== '' && !isDescribedMaterial(name)) break;
    // "contains no dyes, BPA or bleaches", "made from the highest quality materials", "…, making it
    // softer": not a list, or no longer one.
    if (STOP_WORDS.has(first) || /^\p{L}{3,}ing$/u.test(first) || isStop(first)) break;
    if (name !== '' && !isGeneric(name) && !readsAsProse(name) && /\p{L}/u.test(name)) {
      const strength = amount?.[0].trim();
      // "a polyethylene/polyester cover": two materials, blended.
      for (const one of blendedMaterials(name))
        materials.push(strength === undefined ? { name: one } : { name: one, strength });
    }
    if (stop !== -1) break;
  }
  return materials;
}

/** "soft silicone and" where the sentence broke off after the conjunction. */
const TRAILING_CONJUNCTION = /\s+(?:and|or|&|und|et|y|e)$/iu;

/** How a material was sourced or grown, printed before it ("ethically sourced", "sustainably grown"). */
const SOURCING = /^(?:\p{L}{3,}ly[ -])?(?:sourced|grown|harvested|farmed|produced)$/iu;

function isStop(word: string): boolean {
  const lower = word.toLowerCase().replace(/[^\p{L}’']/gu, '');
  // A participle after the name ("fabric dyed with…", "cotton grown without…") ends it too; the
  // participles of chemistry ("Hydrolyzed", "Deionized", "Denatured", "Purified") are part of names.
  const participle =
    lower.length > 4 &&
    /ed$/u.test(lower) &&
    !/(?:ated|[iy][sz]ed|ified|illed|ured|ined|ched|tted|shed|bed|ded)$|^(?:un|re)/u.test(lower);
  return STOP_WORDS.has(lower) || participle;
}

/** The item without the claims printed in it ("BPA-free medical grade Mediprene" → "medical grade Mediprene"). */
function withoutClaimText(item: string): string {
  let result = item;
  for (const claim of findClaims(item)) result = result.replace(claim.text, ' ');
  return result.replace(/\s+/g, ' ').trim();
}
