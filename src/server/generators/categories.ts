// MX's default category tree: 21 top-level categories and their subcategories, with the guids MX gives
// them where we could find them and stable generated ones for the rest (docs/categories-tags.md lists
// which are which). Every generated transaction's category comes from this tree.
import { stableGuid } from './ids.js';

export interface DefaultCategory {
  guid: string;
  name: string;
  /** Null for a top-level category. */
  parent_guid: string | null;
  is_income: boolean;
}

/**
 * Top-level categories, in MX's order, with MX's guids. Auto & Transport and Shopping are the guids MX's
 * own pages and documents use; the others are the guids MX's published front-end code maps to the same
 * names (docs/categories-tags.md#where-the-guids-come-from).
 */
const TOP: ReadonlyArray<readonly [name: string, guid: string]> = [
  ['Auto & Transport', 'CAT-7829f71c-2e8c-afa5-2f55-fa3634b89874'],
  ['Bills & Utilities', 'CAT-79b02f2f-2adc-88f0-ac2b-4e71ead9cfc8'],
  ['Business Services', 'CAT-94b11142-e97b-941a-f67f-6e18d246a23f'],
  ['Education', 'CAT-bf5c9cca-c96b-b50d-440d-38d9adfda5b0'],
  ['Entertainment', 'CAT-e04e9d1e-e041-c315-2e50-094143ab3f73'],
  ['Fees & Charges', 'CAT-d73ee74b-13a4-ac3e-4015-fc4ba9a62b2a'],
  ['Financial', 'CAT-6c7de3f8-de6c-7061-1dd2-b093044014bf'],
  ['Food & Dining', 'CAT-bd56d35a-a9a7-6e10-66c1-5b9cc1b6c81a'],
  ['Gifts & Donations', 'CAT-8edf9663-623e-4735-490e-31288f0a70b0'],
  ['Health & Fitness', 'CAT-52fa4693-c088-afb2-2a99-7bc39bb23a0f'],
  ['Home', 'CAT-b709172b-4eb7-318e-3b5d-e0f0500b32ac'],
  ['Income', 'CAT-bf9f3294-4c40-1677-d269-54fbc189faf3'],
  ['Investments', 'CAT-ccd42390-9e8c-3fb6-a5d9-6c31182d9c5c'],
  ['Kids', 'CAT-0cb1d99d-f558-99e3-2282-b31f359b411a'],
  ['Personal Care', 'CAT-e5154228-fe45-790d-a280-f6bf5ae5ac9f'],
  ['Pets', 'CAT-7cccbafa-87d7-c9a6-661b-8b3402fe9e78'],
  ['Shopping', 'CAT-aad51b46-d6f7-3da5-fd6e-492328b3023f'],
  ['Taxes', 'CAT-d00fc539-aa14-009b-4ffb-7e8c7b839954'],
  ['Transfer', 'CAT-bce48142-fea4-ff45-20d9-0a642d44de83'],
  ['Travel', 'CAT-ea23d844-cbd1-eb10-f6ac-0df9610e59ae'],
  ['Uncategorized', 'CAT-d7851c65-3353-e490-1953-fb9235e681e4'],
];

/** Subcategories whose MX guid a public source gives (see docs/categories-tags.md); the rest are generated. */
const KNOWN_SUB_GUIDS: Readonly<Record<string, string>> = {
  'Auto Insurance': 'CAT-de7c2dc7-90e6-85a2-6509-5ec10942e887',
  'Auto Payment': 'CAT-cb93691a-684d-b326-4c32-f8abaecfde90',
  Gas: 'CAT-b6d63a19-30a7-e852-2703-bdfb4072289e',
  Parking: 'CAT-726da718-d572-1e4d-7c3f-0b8b5370fe71',
  'Public Transportation': 'CAT-19e6ec13-83ed-5511-7f75-3688d3f97a8e',
  'Service & Parts': 'CAT-67a20fb1-1a61-dc27-3fff-f28fa904025f',
  'Domain Names': 'CAT-e7c5ebc7-f73d-955a-db06-3724bbcf6faa',
  'Fraud Protection': 'CAT-5f7f2084-6f8a-d927-6fa7-8e699912432a',
  'Home Phone': 'CAT-60d81dd3-8ac1-a6fb-b181-b736dbb42be3',
  Hosting: 'CAT-b74fdd98-4391-8015-eafa-e9ca0fad3bee',
  Internet: 'CAT-78d29c63-54db-197d-9851-feeb94cf6e10',
  'Mobile Phone': 'CAT-b4789667-6acc-a112-975e-15746003ed61',
  Television: 'CAT-b316e683-c898-6497-a476-6bc48d12e51d',
  Utilities: 'CAT-56a2979d-d6df-25da-f357-06282f08208e',
  Advertising: 'CAT-e6682ebe-f239-c654-8233-0970b94cc162',
  Legal: 'CAT-13c1e57c-3749-41b4-3bc4-b1b334adab85',
  'Office Supplies': 'CAT-97a2b899-5a32-4196-b87c-a8e65d8a9849',
  Printing: 'CAT-3b09fb0b-3296-c76c-2bbd-a2bce0012d83',
  Shipping: 'CAT-748efd05-e27a-5c79-1217-681a0ec5cc67',
  'Books & Supplies': 'CAT-167d816f-c68e-9988-e064-173dc6417a90',
  'Student Loan': 'CAT-2ce4972e-5620-57be-8475-d084edf88888',
};

/** Each top-level category's subcategories, by name (MX's list of names; see docs/categories-tags.md). */
const SUBS: Readonly<Record<string, readonly string[]>> = {
  'Auto & Transport': ['Auto Insurance', 'Auto Payment', 'Gas', 'Parking', 'Public Transportation', 'Service & Parts'],
  'Bills & Utilities': [
    'Domain Names',
    'Fraud Protection',
    'Home Phone',
    'Hosting',
    'Internet',
    'Mobile Phone',
    'Television',
    'Utilities',
  ],
  'Business Services': ['Advertising', 'Legal', 'Office Supplies', 'Printing', 'Shipping'],
  Education: ['Books & Supplies', 'Student Loan', 'Tuition'],
  Entertainment: ['Amusement', 'Arts', 'Movies & DVDs', 'Music', 'Newspapers & Magazines'],
  'Fees & Charges': ['ATM Fee', 'Banking Fee', 'Finance Charge', 'Late Fee', 'Service Fee', 'Trade Commissions'],
  Financial: ['Financial Advisor', 'Life Insurance'],
  'Food & Dining': ['Alcohol & Bars', 'Coffee Shops', 'Fast Food', 'Groceries', 'Restaurants'],
  'Gifts & Donations': ['Charity', 'Gift'],
  'Health & Fitness': ['Dentist', 'Doctor', 'Eyecare', 'Gym', 'Health Insurance', 'Pharmacy', 'Sports'],
  Home: [
    'Furnishings',
    'Home Improvement',
    'Home Insurance',
    'Home Services',
    'Home Supplies',
    'Lawn & Garden',
    'Mortgage & Rent',
  ],
  Income: ['Bonus', 'Interest Income', 'Paycheck', 'Reimbursement', 'Rental Income'],
  Investments: ['Buy', 'Deposit', 'Dividend & Cap Gains', 'Sell', 'Withdrawal'],
  Kids: ['Allowance', 'Baby Supplies', 'Babysitter & Daycare', 'Child Support', 'Kids Activities', 'Toys'],
  'Personal Care': ['Hair', 'Laundry', 'Spa & Massage'],
  Pets: ['Pet Food & Supplies', 'Pet Grooming', 'Veterinary'],
  Shopping: ['Books', 'Clothing', 'Electronics & Software', 'Hobbies', 'Sporting Goods'],
  Taxes: ['Federal Tax', 'Local Tax', 'Property Tax', 'Sales Tax', 'State Tax'],
  Transfer: ['Credit Card Payment', 'Transfer for Cash Spending', 'Mortgage Payment'],
  Travel: ['Air Travel', 'Hotel', 'Rental Car & Taxi', 'Vacation'],
  Uncategorized: ['Cash', 'Check'],
};

function build(): DefaultCategory[] {
  const out: DefaultCategory[] = [];
  for (const [name, guid] of TOP) {
    const is_income = name === 'Income';
    out.push({ guid, name, parent_guid: null, is_income });
    for (const sub of SUBS[name] ?? []) {
      out.push({
        guid: KNOWN_SUB_GUIDS[sub] ?? stableGuid('CAT', 'default-category', name, sub),
        name: sub,
        parent_guid: guid,
        is_income,
      });
    }
  }
  return out;
}

/** Every default category: each top-level one followed by its subcategories. */
export const DEFAULT_CATEGORIES: readonly DefaultCategory[] = build();

const byGuid = new Map(DEFAULT_CATEGORIES.map((c) => [c.guid, c]));
const byName = new Map(DEFAULT_CATEGORIES.map((c) => [c.name.toLowerCase(), c]));

export function defaultCategory(guid: string): DefaultCategory | undefined {
  return byGuid.get(guid);
}

/** A default category by name, case-insensitive. */
export function defaultCategoryNamed(name: string): DefaultCategory | undefined {
  return byName.get(name.toLowerCase());
}

/** The top-level category of a default one (itself when it is top-level). */
export function topOf(c: DefaultCategory): DefaultCategory {
  return c.parent_guid === null ? c : (byGuid.get(c.parent_guid) as DefaultCategory);
}

export const UNCATEGORIZED = defaultCategoryNamed('Uncategorized') as DefaultCategory;
