// POST /transactions/enhance: cleanse, categorise and classify descriptions the client sends, from the
// same merchant table and MX default categories the generated transactions use. Nothing is stored.
// Deterministic: the same request always gets the same answer. See docs/merchants-insight-data.md.
import {
  type Category,
  categoryNamed,
  MERCHANTS,
  type Merchant,
  TRANSACTION_KINDS,
  type TransactionKind,
} from '../generators/finance.js';
import { merchantLocationGuid } from './merchants.js';

export interface EnhanceInput {
  id: string;
  description: string;
  amount?: number | null | undefined;
  type?: 'CREDIT' | 'DEBIT' | undefined;
  memo?: string | undefined;
  merchant_category_code?: number | undefined;
  extended_transaction_type?: string | undefined;
}

/** How the category was chosen (`categorized_by`) and the description made (`described_by`): the simulator's codes. */
export const CATEGORIZED_BY = { merchant: 1, keyword: 2, merchant_category_code: 3, fallback: 4 } as const;
export const DESCRIBED_BY = { merchant: 1, cleansed: 2 } as const;

/** Words in a description that name a category, most specific first (matched as whole words). */
const KEYWORDS: ReadonlyArray<[RegExp, string]> = [
  [/\b(payroll|direct dep(osit)?|salary|paycheck)\b/, 'Paycheck'],
  [/\b(interest paid|interest earned|int pymt)\b/, 'Interest Income'],
  [/\bdividend/, 'Dividend & Cap Gains'],
  [/\b(atm fee|atm withdrawal fee)\b/, 'ATM Fee'],
  [/\b(overdraft|nsf|service fee|monthly fee|maintenance fee)\b/, 'Service Fee'],
  [/\b(late fee)\b/, 'Late Fee'],
  [/\b(interest charge|finance charge)\b/, 'Finance Charge'],
  [/\b(atm|cash withdrawal)\b/, 'Cash'],
  [/\b(credit card payment|card payment|payment thank you|autopay)\b/, 'Credit Card Payment'],
  [/\b(mortgage|rent|property mgmt|apartments?)\b/, 'Mortgage & Rent'],
  [/\b(transfer|xfer|zelle|venmo)\b/, 'Transfer'],
  [/\bcheck\b|\bchk\b/, 'Check'],
  [/\b(grocery|groceries|supermarket|market|foods)\b/, 'Groceries'],
  [/\b(coffee|cafe|espresso|roasters)\b/, 'Coffee Shops'],
  [/\b(burger|taco|drive thru|fast food)\b/, 'Fast Food'],
  [/\b(restaurant|diner|grill|kitchen|pizza|sushi|bistro)\b/, 'Restaurants'],
  [/\b(bar|pub|brewery|liquor|wine)\b/, 'Alcohol & Bars'],
  [/\b(fuel|gas station|petrol|gas)\b/, 'Gas'],
  [/\b(parking)\b/, 'Parking'],
  [/\b(taxi|cab|rideshare|ride share|uber|lyft)\b/, 'Rental Car & Taxi'],
  [/\b(airline|airlines|air|airways)\b/, 'Air Travel'],
  [/\b(hotel|motel|inn|resort)\b/, 'Hotel'],
  [/\b(pharmacy|drug store|drugstore|rx)\b/, 'Pharmacy'],
  [/\b(doctor|clinic|medical|hospital)\b/, 'Doctor'],
  [/\b(dental|dentist)\b/, 'Dentist'],
  [/\b(gym|fitness|yoga)\b/, 'Gym'],
  [/\b(insurance)\b/, 'Auto Insurance'],
  [/\b(electric|power|water|utility|utilities|sewer)\b/, 'Utilities'],
  [/\b(internet|broadband|fiber|cable)\b/, 'Internet'],
  [/\b(wireless|mobile|cellular|phone)\b/, 'Mobile Phone'],
  [/\b(streaming|tv|television)\b/, 'Television'],
  [/\b(music|spotify)\b/, 'Music'],
  [/\b(cinema|cinemas|theater|theatre|movies?)\b/, 'Movies & DVDs'],
  [/\b(hardware|home improvement|lumber)\b/, 'Home Improvement'],
  [/\b(pet|vet|veterinary)\b/, 'Pet Food & Supplies'],
  [/\b(tuition|university|college)\b/, 'Tuition'],
  [/\b(charity|donation)\b/, 'Charity'],
  [/\b(irs|tax)\b/, 'Federal Tax'],
  [/\b(clothing|apparel|shoes)\b/, 'Clothing'],
  [/\b(electronics|software|app store)\b/, 'Electronics & Software'],
  [/\b(amazon|walmart|target|store|shop|mart)\b/, 'Shopping'],
];

/** ISO 18245 merchant category codes (ranges, inclusive) and the default category each one means. */
const MCC: ReadonlyArray<[number, number, string]> = [
  [3000, 3299, 'Air Travel'],
  [3351, 3441, 'Rental Car & Taxi'],
  [3501, 3999, 'Hotel'],
  [4111, 4112, 'Public Transportation'],
  [4121, 4121, 'Rental Car & Taxi'],
  [4511, 4511, 'Air Travel'],
  [4812, 4814, 'Mobile Phone'],
  [4899, 4899, 'Television'],
  [4900, 4900, 'Utilities'],
  [5200, 5251, 'Home Improvement'],
  [5311, 5311, 'Shopping'],
  [5411, 5422, 'Groceries'],
  [5462, 5462, 'Coffee Shops'],
  [5541, 5542, 'Gas'],
  [5651, 5699, 'Clothing'],
  [5732, 5734, 'Electronics & Software'],
  [5812, 5813, 'Restaurants'],
  [5814, 5814, 'Fast Food'],
  [5912, 5912, 'Pharmacy'],
  [5921, 5921, 'Alcohol & Bars'],
  [5995, 5995, 'Pet Food & Supplies'],
  [6011, 6011, 'Cash'],
  [7011, 7011, 'Hotel'],
  [7832, 7832, 'Movies & DVDs'],
  [7997, 7997, 'Gym'],
  [8011, 8099, 'Doctor'],
  [8220, 8220, 'Tuition'],
  [8398, 8398, 'Charity'],
  [9311, 9311, 'Federal Tax'],
];

/** Each merchant's kind in the generator's rules: its category and flags (the first kind naming it). */
const MERCHANT_KIND = new Map<string, TransactionKind>();
for (const kinds of Object.values(TRANSACTION_KINDS)) {
  for (const kind of kinds)
    for (const m of kind.merchants) if (!MERCHANT_KIND.has(m.guid)) MERCHANT_KIND.set(m.guid, kind);
}

/** Lower case, letters and digits only, single spaces. */
const squash = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Each merchant with the forms a description may name it by: its name, and its web domain. */
const MERCHANT_FORMS = MERCHANTS.map((m) => ({
  merchant: m,
  name: squash(m.name),
  domain: squash(m.website_url.replace(/^https?:\/\/(www\.)?/, '').replace(/\..*$/, '')),
}));

function merchantIn(text: string): Merchant | undefined {
  const padded = ` ${text} `;
  const joined = text.replace(/ /g, '');
  return MERCHANT_FORMS.find(
    (f) => padded.includes(` ${f.name} `) || (f.domain.length >= 5 && joined.includes(f.domain)),
  )?.merchant;
}

const STATES = new Set(
  'al ak az ar ca co ct de fl ga hi ia id il in ks ky la ma md me mi mn mo ms mt nc nd ne nh nj nm nv ny oh ok or pa ri sc sd tn tx ut va vt wa wi wv wy'.split(
    ' ',
  ),
);

/** Noise that card processors and banks add to descriptions. */
const NOISE = [
  /^(sq|tst|pp|sp|py)\b/g, // payment processors' prefixes
  /\b(pos|ach|debit|credit|purchase|checkcard|check card|visa|mastercard|recurring|pending|authorized|auth|ppd|ccd|web|id|ref|trace|card|dbt|crd|pmt|ext|trn|des|indn)\b/g,
  /\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\b/g, // dates
  /#\s*\d+/g, // store numbers
  /\b[a-z]*\d[a-z0-9]*\b/g, // anything holding a digit: reference numbers, card tails
  /\b(www|com|net|org|inc|llc|co)\b/g,
];

const SMALL = new Set(['and', 'of', 'the', 'to', 'for', 'a', 'at', 'in', 'on']);

/** A readable form of a raw description: noise out, title case; the squashed text when nothing is left. */
export function cleanse(raw: string): string {
  let text = squash(raw.replace(/\*/g, ' '));
  // A description ending in a city and a state code ('… SEATTLE WA'): both go (a one-word city).
  const words0 = text.split(' ');
  if (words0.length > 3 && STATES.has(words0[words0.length - 1] as string)) text = words0.slice(0, -2).join(' ');
  for (const re of NOISE) text = text.replace(re, ' ').replace(/\s+/g, ' ').trim();
  if (!text) text = squash(raw) || raw.trim();
  const words = text.split(' ').slice(0, 6);
  return words
    .map((w, i) => (i > 0 && SMALL.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ')
    .slice(0, 100);
}

export interface Enhanced {
  amount: number | null;
  categorized_by: number;
  category: string;
  category_guid: string;
  described_by: number;
  description: string;
  extended_transaction_type: string | null;
  id: string;
  is_bill_pay: boolean;
  is_direct_deposit: boolean;
  is_expense: boolean;
  is_fee: boolean;
  is_income: boolean;
  is_international: boolean;
  is_overdraft_fee: boolean;
  is_payroll_advance: boolean;
  is_subscription: boolean;
  memo: string | null;
  merchant_category_code: number | null;
  merchant_guid: string | null;
  merchant_location_guid: string | null;
  original_description: string;
  top_level_category_guid: string;
  type: 'CREDIT' | 'DEBIT';
  user_guid: null;
}

function byKeyword(text: string): string | undefined {
  return KEYWORDS.find(([re]) => re.test(text))?.[1];
}

function byCode(code: number | undefined): string | undefined {
  if (code === undefined) return undefined;
  return MCC.find(([lo, hi]) => code >= lo && code <= hi)?.[2];
}

export function enhance(t: EnhanceInput): Enhanced {
  const text = squash(`${t.description} ${t.memo ?? ''}`);
  const merchant = merchantIn(squash(t.description)) ?? null;
  let how: number;
  let name: string;
  const keyword = byKeyword(text);
  const code = byCode(t.merchant_category_code);
  const kind = merchant ? MERCHANT_KIND.get(merchant.guid) : undefined;
  if (merchant) {
    how = CATEGORIZED_BY.merchant;
    name = kind?.category.name ?? 'Uncategorized';
  } else if (keyword) {
    how = CATEGORIZED_BY.keyword;
    name = keyword;
  } else if (code) {
    how = CATEGORIZED_BY.merchant_category_code;
    name = code;
  } else {
    how = CATEGORIZED_BY.fallback;
    name = t.type === 'CREDIT' ? 'Income' : 'Uncategorized';
  }
  const category: Category = categoryNamed(name);
  const top = category.top;
  const income = top === 'Income' || category.name === 'Income';
  const fee = top === 'Fees & Charges';
  // Without a type, an income category means money in, anything else money out.
  const type = t.type ?? (income ? 'CREDIT' : 'DEBIT');
  const debit = type === 'DEBIT';
  return {
    amount: t.amount ?? null,
    categorized_by: how,
    category: category.name,
    category_guid: category.guid,
    described_by: merchant ? DESCRIBED_BY.merchant : DESCRIBED_BY.cleansed,
    description: merchant ? merchant.name : cleanse(t.description),
    extended_transaction_type: t.extended_transaction_type ?? null,
    id: t.id,
    is_bill_pay: debit && (category.name === 'Credit Card Payment' || kind?.flags?.is_bill_pay === true),
    is_direct_deposit: !debit && category.name === 'Paycheck',
    is_expense: debit && !income && top !== 'Transfer' && category.name !== 'Credit Card Payment',
    is_fee: fee,
    is_income: !debit && income,
    is_international: false,
    is_overdraft_fee: /\b(overdraft|nsf)\b/.test(text),
    is_payroll_advance: false,
    is_subscription: kind?.flags?.is_subscription === true,
    memo: t.memo ?? null,
    merchant_category_code: t.merchant_category_code ?? null,
    merchant_guid: merchant?.guid ?? null,
    merchant_location_guid: merchant ? merchantLocationGuid(merchant) : null,
    original_description: t.description,
    top_level_category_guid: category.top_guid,
    type,
    user_guid: null,
  };
}
