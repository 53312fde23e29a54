// The simulator's own tables for realistic financial data: account kinds, what their transactions
// look like, merchants, categories and securities. Every table is ours; names are generic.
import type { AccountType } from '../../mx/accounts.js';
import { defaultCategoryNamed, topOf, UNCATEGORIZED } from './categories.js';
import { stableGuid } from './ids.js';

export interface Merchant {
  guid: string;
  name: string;
  website_url: string;
  logo_url: string;
  city: string;
  state: string;
  postal_code: string;
}

const merchant = (name: string, domain: string, city: string, state: string, postal: string): Merchant => {
  const guid = stableGuid('MCH', 'merchant', name);
  return {
    guid,
    name,
    website_url: `https://www.${domain}`,
    logo_url: `https://content.mx.com/logos/merchants/${guid}.png`,
    city,
    state,
    postal_code: postal,
  };
};

const M = {
  grocer: merchant('Fresh Fields Market', 'freshfields.example', 'Lehi', 'UT', '84043'),
  grocer2: merchant('Corner Grocery Co', 'cornergrocery.example', 'Provo', 'UT', '84601'),
  cafe: merchant('Bean There Coffee', 'beanthere.example', 'Salt Lake City', 'UT', '84101'),
  diner: merchant('Blue Plate Diner', 'blueplate.example', 'Orem', 'UT', '84057'),
  pizza: merchant('Slice Pizza Kitchen', 'slicepizza.example', 'Sandy', 'UT', '84070'),
  fuel: merchant('Summit Fuel', 'summitfuel.example', 'Draper', 'UT', '84020'),
  store: merchant('Megamart', 'megamart.example', 'American Fork', 'UT', '84003'),
  online: merchant('Parcelhub', 'parcelhub.example', 'Seattle', 'WA', '98101'),
  streaming: merchant('Streamly', 'streamly.example', 'Los Gatos', 'CA', '95032'),
  music: merchant('Tunewave', 'tunewave.example', 'New York', 'NY', '10001'),
  phone: merchant('Peak Wireless', 'peakwireless.example', 'Denver', 'CO', '80202'),
  power: merchant('Valley Power & Light', 'valleypower.example', 'Salt Lake City', 'UT', '84111'),
  internet: merchant('Fiberline Internet', 'fiberline.example', 'Lindon', 'UT', '84042'),
  gym: merchant('Ironworks Fitness', 'ironworks.example', 'Lehi', 'UT', '84043'),
  pharmacy: merchant('Wellway Pharmacy', 'wellway.example', 'Orem', 'UT', '84058'),
  rideshare: merchant('Hopride', 'hopride.example', 'San Francisco', 'CA', '94105'),
  airline: merchant('Skyline Air', 'skylineair.example', 'Dallas', 'TX', '75201'),
  hardware: merchant('Handy Hardware', 'handyhardware.example', 'Pleasant Grove', 'UT', '84062'),
  cinema: merchant('Starlight Cinemas', 'starlight.example', 'Provo', 'UT', '84604'),
  employer: merchant('Acme Widgets Inc', 'acmewidgets.example', 'Lehi', 'UT', '84043'),
};

/** Every merchant of the tables above. */
export const MERCHANTS: readonly Merchant[] = Object.values(M);

export interface Category {
  name: string;
  /** The top-level category's name and guid (the category's own when it is top-level). */
  top: string;
  top_guid: string;
  guid: string;
}

/** One of MX's default categories (generators/categories.ts), by name. */
const category = (name: string): Category => {
  const c = defaultCategoryNamed(name);
  if (!c) throw new Error(`finance: '${name}' is not a default category`);
  const top = topOf(c);
  return { name: c.name, top: top.name, top_guid: top.guid, guid: c.guid };
};

export type ParentClass = 'Payroll' | 'Deposit' | 'Savings' | 'Transfer' | 'Spend' | 'Investment' | 'Income' | 'Fees';
export type Repeating = 'BILL' | 'SUBSCRIPTION' | 'INCOME' | null;

/** One kind of transaction an account produces, with its odds among the account's transactions. */
export interface TransactionKind {
  weight: number;
  type: 'CREDIT' | 'DEBIT';
  category: Category;
  min: number;
  max: number;
  merchants: Merchant[];
  /** Description when there is no merchant. */
  description?: string;
  parent_class: ParentClass;
  repeating: Repeating;
  flags?: Partial<Record<'is_bill_pay' | 'is_direct_deposit' | 'is_fee' | 'is_subscription' | 'is_income', boolean>>;
  check?: boolean;
}

const C = {
  paycheck: category('Paycheck'),
  interest: category('Interest Income'),
  dividends: category('Dividend & Cap Gains'),
  transfer: category('Transfer'),
  ccPayment: category('Credit Card Payment'),
  loanPayment: category('Transfer'),
  mortgage: category('Mortgage & Rent'),
  groceries: category('Groceries'),
  coffee: category('Coffee Shops'),
  restaurants: category('Restaurants'),
  fastFood: category('Fast Food'),
  gas: category('Gas'),
  rideshare: category('Rental Car & Taxi'),
  shopping: category('Shopping'),
  online: category('Electronics & Software'),
  streaming: category('Television'),
  music: category('Music'),
  movies: category('Movies & DVDs'),
  phone: category('Mobile Phone'),
  utilities: category('Utilities'),
  internet: category('Internet'),
  gym: category('Gym'),
  pharmacy: category('Pharmacy'),
  travel: category('Air Travel'),
  home: category('Home Improvement'),
  fee: category('Service Fee'),
  atm: category('ATM Fee'),
  interestCharge: category('Finance Charge'),
  check: category('Check'),
  investBuy: category('Buy'),
  contribution: category('Deposit'),
};

/**
 * A category by name (case-insensitive): MX's default one, else one of that name under "Uncategorized"
 * (a scenario's own name; its guid is stable but no category endpoint knows it).
 */
export function categoryNamed(name: string): Category {
  if (defaultCategoryNamed(name)) return category(name);
  return { name, top: UNCATEGORIZED.name, top_guid: UNCATEGORIZED.guid, guid: stableGuid('CAT', 'category', name) };
}

const spend = (weight: number, cat: Category, min: number, max: number, merchants: Merchant[]): TransactionKind => ({
  weight,
  type: 'DEBIT',
  category: cat,
  min,
  max,
  merchants,
  parent_class: 'Spend',
  repeating: null,
});

const bill = (weight: number, cat: Category, min: number, max: number, m: Merchant, sub = false): TransactionKind => ({
  weight,
  type: 'DEBIT',
  category: cat,
  min,
  max,
  merchants: [m],
  parent_class: 'Spend',
  repeating: sub ? 'SUBSCRIPTION' : 'BILL',
  flags: sub ? { is_subscription: true } : { is_bill_pay: true },
});

const CARD_SPENDING: TransactionKind[] = [
  spend(18, C.groceries, 12, 180, [M.grocer, M.grocer2]),
  spend(12, C.coffee, 3, 9, [M.cafe]),
  spend(12, C.restaurants, 14, 85, [M.diner, M.pizza]),
  spend(9, C.gas, 25, 70, [M.fuel]),
  spend(9, C.shopping, 10, 220, [M.store]),
  spend(9, C.online, 8, 160, [M.online]),
  spend(4, C.rideshare, 9, 42, [M.rideshare]),
  spend(3, C.pharmacy, 6, 60, [M.pharmacy]),
  spend(3, C.home, 15, 240, [M.hardware]),
  spend(2, C.movies, 12, 40, [M.cinema]),
  spend(1, C.travel, 120, 640, [M.airline]),
  bill(2, C.streaming, 15.99, 15.99, M.streaming, true),
  bill(2, C.music, 10.99, 10.99, M.music, true),
  bill(2, C.gym, 39, 39, M.gym, true),
];

/** Transaction kinds by account type. Weights are relative. */
export const TRANSACTION_KINDS: Record<AccountType, TransactionKind[]> = {
  CHECKING: [
    {
      weight: 5,
      type: 'CREDIT',
      category: C.paycheck,
      min: 1800,
      max: 3200,
      merchants: [M.employer],
      parent_class: 'Payroll',
      repeating: 'INCOME',
      flags: { is_direct_deposit: true, is_income: true },
    },
    {
      weight: 2,
      type: 'CREDIT',
      category: C.transfer,
      min: 50,
      max: 600,
      merchants: [],
      description: 'Transfer from Savings',
      parent_class: 'Transfer',
      repeating: null,
    },
    ...CARD_SPENDING.slice(0, 10),
    bill(3, C.utilities, 60, 180, M.power),
    bill(3, C.internet, 65, 65, M.internet),
    bill(3, C.phone, 45, 120, M.phone),
    {
      weight: 3,
      type: 'DEBIT',
      category: C.ccPayment,
      min: 150,
      max: 900,
      merchants: [],
      description: 'Credit Card Payment',
      parent_class: 'Transfer',
      repeating: 'BILL',
      flags: { is_bill_pay: true },
    },
    {
      weight: 1,
      type: 'DEBIT',
      category: C.check,
      min: 40,
      max: 450,
      merchants: [],
      description: 'Check',
      parent_class: 'Spend',
      repeating: null,
      check: true,
    },
    {
      weight: 0.5,
      type: 'DEBIT',
      category: C.atm,
      min: 2.5,
      max: 3.5,
      merchants: [],
      description: 'ATM Withdrawal Fee',
      parent_class: 'Fees',
      repeating: null,
      flags: { is_fee: true },
    },
  ],
  SAVINGS: [
    {
      weight: 5,
      type: 'CREDIT',
      category: C.transfer,
      min: 100,
      max: 500,
      merchants: [],
      description: 'Transfer from Checking',
      parent_class: 'Savings',
      repeating: null,
    },
    {
      weight: 3,
      type: 'CREDIT',
      category: C.interest,
      min: 0.5,
      max: 25,
      merchants: [],
      description: 'Interest Paid',
      parent_class: 'Income',
      repeating: 'INCOME',
      flags: { is_income: true },
    },
    {
      weight: 3,
      type: 'DEBIT',
      category: C.transfer,
      min: 50,
      max: 600,
      merchants: [],
      description: 'Transfer to Checking',
      parent_class: 'Transfer',
      repeating: null,
    },
  ],
  CREDIT_CARD: [
    ...CARD_SPENDING,
    {
      weight: 8,
      type: 'CREDIT',
      category: C.ccPayment,
      min: 150,
      max: 900,
      merchants: [],
      description: 'Payment - Thank You',
      parent_class: 'Transfer',
      repeating: null,
    },
    {
      weight: 1,
      type: 'DEBIT',
      category: C.interestCharge,
      min: 5,
      max: 45,
      merchants: [],
      description: 'Interest Charge on Purchases',
      parent_class: 'Fees',
      repeating: null,
      flags: { is_fee: true },
    },
  ],
  LOAN: [
    {
      weight: 1,
      type: 'CREDIT',
      category: C.loanPayment,
      min: 380,
      max: 420,
      merchants: [],
      description: 'Auto Loan Payment',
      parent_class: 'Transfer',
      repeating: 'BILL',
    },
  ],
  MORTGAGE: [
    {
      weight: 1,
      type: 'CREDIT',
      category: C.mortgage,
      min: 1850,
      max: 1850,
      merchants: [],
      description: 'Mortgage Payment',
      parent_class: 'Transfer',
      repeating: 'BILL',
    },
  ],
  LINE_OF_CREDIT: [
    {
      weight: 1,
      type: 'DEBIT',
      category: C.transfer,
      min: 200,
      max: 1500,
      merchants: [],
      description: 'Advance',
      parent_class: 'Transfer',
      repeating: null,
    },
    {
      weight: 1,
      type: 'CREDIT',
      category: C.loanPayment,
      min: 200,
      max: 1500,
      merchants: [],
      description: 'Payment',
      parent_class: 'Transfer',
      repeating: null,
    },
  ],
  INVESTMENT: [
    {
      weight: 4,
      type: 'CREDIT',
      category: C.contribution,
      min: 200,
      max: 600,
      merchants: [],
      description: 'Contribution',
      parent_class: 'Investment',
      repeating: null,
    },
    {
      weight: 2,
      type: 'CREDIT',
      category: C.dividends,
      min: 5,
      max: 120,
      merchants: [],
      description: 'Dividend Reinvestment',
      parent_class: 'Income',
      repeating: null,
      flags: { is_income: true },
    },
    {
      weight: 3,
      type: 'DEBIT',
      category: C.investBuy,
      min: 150,
      max: 650,
      merchants: [],
      description: 'Purchase of Securities',
      parent_class: 'Investment',
      repeating: null,
    },
  ],
};

/** Cumulative weights per account type, for picking a kind with one uniform draw. */
const CUMULATIVE = Object.fromEntries(
  Object.entries(TRANSACTION_KINDS).map(([type, kinds]) => {
    const total = kinds.reduce((s, k) => s + k.weight, 0);
    let acc = 0;
    return [type, kinds.map((k) => (acc += k.weight / total))];
  }),
) as Record<AccountType, number[]>;

/** An account type's kinds as flat arrays, for loops over many transactions (balances). */
export interface KindTable {
  cumulative: readonly number[];
  min: Float64Array;
  max: Float64Array;
  credit: Uint8Array;
}

const KIND_TABLES = new Map<AccountType, KindTable>();

export function kindTable(type: AccountType): KindTable {
  let table = KIND_TABLES.get(type);
  if (!table) {
    const kinds = TRANSACTION_KINDS[type];
    table = {
      cumulative: CUMULATIVE[type],
      min: Float64Array.from(kinds, (k) => k.min),
      max: Float64Array.from(kinds, (k) => k.max),
      credit: Uint8Array.from(kinds, (k) => (k.type === 'CREDIT' ? 1 : 0)),
    };
    KIND_TABLES.set(type, table);
  }
  return table;
}

export function pickKind(type: AccountType, u: number): TransactionKind {
  const cumulative = CUMULATIVE[type];
  const last = cumulative.length - 1;
  let i = 0;
  while (i < last && !(u < (cumulative[i] as number))) i++;
  return TRANSACTION_KINDS[type][i] as TransactionKind;
}

/** What a new member's accounts look like, in order; volumes are transactions per 90 days. */
export interface AccountTemplate {
  type: AccountType;
  subtype: string | null;
  name: string;
  perWindow: number;
  balance: [number, number];
  creditLimit?: [number, number];
  apr?: number;
  apy?: number;
  interestRate?: number;
  /** A pending transaction can appear in the last two days (card-like accounts). */
  pending: boolean;
}

export const ACCOUNT_TEMPLATES: AccountTemplate[] = [
  { type: 'CHECKING', subtype: null, name: 'Checking', perWindow: 90, balance: [1200, 9000], pending: true, apy: 0.01 },
  {
    type: 'SAVINGS',
    subtype: 'MONEY_MARKET',
    name: 'Savings',
    perWindow: 12,
    balance: [3000, 40000],
    pending: false,
    apy: 4.1,
  },
  {
    type: 'CREDIT_CARD',
    subtype: null,
    name: 'Credit Card',
    perWindow: 60,
    balance: [150, 3500],
    creditLimit: [5000, 15000],
    apr: 22.99,
    pending: true,
  },
  {
    type: 'LOAN',
    subtype: 'AUTO',
    name: 'Auto Loan',
    perWindow: 3,
    balance: [6000, 24000],
    pending: false,
    interestRate: 6.4,
  },
  {
    type: 'MORTGAGE',
    subtype: null,
    name: 'Mortgage',
    perWindow: 3,
    balance: [140000, 420000],
    pending: false,
    interestRate: 5.75,
  },
  { type: 'INVESTMENT', subtype: '401_K', name: '401k', perWindow: 9, balance: [2000, 9000], pending: false },
];

export interface Security {
  symbol: string;
  description: string;
  holding_type: string;
  price: number;
}

export const SECURITIES: Security[] = [
  { symbol: 'TMKT', description: 'Total Market Index Fund', holding_type: 'MUTUAL_FUND', price: 118.4 },
  { symbol: 'INTL', description: 'International Equity Index Fund', holding_type: 'MUTUAL_FUND', price: 61.2 },
  { symbol: 'BNDX', description: 'Aggregate Bond Index ETF', holding_type: 'EXCHANGE_TRADED_FUND', price: 72.9 },
  { symbol: 'GRWT', description: 'Growth Leaders ETF', holding_type: 'EXCHANGE_TRADED_FUND', price: 204.15 },
  { symbol: 'DIVY', description: 'Dividend Income ETF', holding_type: 'EXCHANGE_TRADED_FUND', price: 48.6 },
  { symbol: 'WDGT', description: 'Acme Widgets Inc Common Stock', holding_type: 'EQUITY', price: 37.25 },
  { symbol: 'TGT2045', description: 'Target Retirement 2045 Fund', holding_type: 'MUTUAL_FUND', price: 33.8 },
  { symbol: 'MMKT', description: 'Money Market Fund', holding_type: 'MONEY_MARKET', price: 1 },
];

/** Liability balances grow with debits; asset balances grow with credits. */
export function isLiability(type: AccountType): boolean {
  return type === 'CREDIT_CARD' || type === 'LOAN' || type === 'MORTGAGE' || type === 'LINE_OF_CREDIT';
}
