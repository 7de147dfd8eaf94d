import { createUnionType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { PageInfo, type Lazy } from '../common/connection';
import { MinorUnitsScalar } from '../common/money';
import { MutationPayload } from '../common/user-errors';
import { Note, NoteFormat, Topic } from '../content/types';
import { Product } from '../commerce/types';
import { User } from '../accounts/types';
import { Group } from '../groups/types';
import type { NoteRecord } from '../content/types';
import type { ProductRecord } from '../commerce/types';
import type { UserRecord } from '../accounts/types';
import type { GroupRecord } from '../groups/types';
import { SEARCH_LIMITS } from './rules';

export enum SearchType {
  NOTE = 'NOTE',
  PRODUCT = 'PRODUCT',
  USER = 'USER',
  GROUP = 'GROUP',
  TOPIC = 'TOPIC',
}
registerEnumType(SearchType, {
  name: 'SearchType',
  description: 'What a search looks for.',
  valuesConfig: {
    NOTE: { description: 'Notes, by title, body and topics.' },
    PRODUCT: { description: 'Products, by title, brand and category.' },
    USER: { description: 'Users, by handle, display name and bio.' },
    GROUP: { description: 'Groups, by name and description.' },
    TOPIC: { description: 'Topics, by name.' },
  },
});

export enum SearchSort {
  RELEVANCE = 'RELEVANCE',
  LATEST = 'LATEST',
  POPULAR = 'POPULAR',
}
registerEnumType(SearchSort, {
  name: 'SearchSort',
  description: 'The order of search hits.',
  valuesConfig: {
    RELEVANCE: { description: 'Text relevance combined with engagement (decayed by age), freshness and the viewer\'s social signals.' },
    LATEST: { description: 'Newest first (notes, products, users and groups by creation; topics as RELEVANCE).' },
    POPULAR: { description: 'Most engagement first: a note\'s likes, collects, comments and shares; a product\'s or topic\'s notes; a user\'s followers; a group\'s members.' },
  },
});

export enum SearchWindow {
  HOUR = 'HOUR',
  DAY = 'DAY',
}
registerEnumType(SearchWindow, {
  name: 'SearchWindow',
  description: 'The time window of hot searches, compared with the window before it.',
  valuesConfig: { HOUR: { description: 'The last hour.' }, DAY: { description: 'The last 24 hours.' } },
});

export enum SearchReason {
  FOLLOWED_AUTHOR = 'FOLLOWED_AUTHOR',
  LIKED_BY_FOLLOWEES = 'LIKED_BY_FOLLOWEES',
  COLLECTED_BY_FOLLOWEES = 'COLLECTED_BY_FOLLOWEES',
  BOUGHT_BY_FRIENDS = 'BOUGHT_BY_FRIENDS',
  FOLLOWING = 'FOLLOWING',
  FOLLOWED_BY_FOLLOWEES = 'FOLLOWED_BY_FOLLOWEES',
  NOT_PERSONALISED = 'NOT_PERSONALISED',
}
registerEnumType(SearchReason, {
  name: 'SearchReason',
  description: 'The social signal that raised a search hit, or that none was used (NOT_PERSONALISED).',
  valuesConfig: {
    FOLLOWED_AUTHOR: { description: 'A note by someone the viewer follows.' },
    LIKED_BY_FOLLOWEES: { description: 'A note people the viewer follows liked.' },
    COLLECTED_BY_FOLLOWEES: { description: 'A note people the viewer follows collected.' },
    BOUGHT_BY_FRIENDS: { description: 'A product bought by mutual follows who show their purchases to friends.' },
    FOLLOWING: { description: 'A user the viewer follows.' },
    FOLLOWED_BY_FOLLOWEES: { description: 'A user people the viewer follows follow.' },
    NOT_PERSONALISED: { description: 'The viewer refused PERSONALISED_RECOMMENDATIONS: every hit was ranked on the text and public popularity only, with none of their social signals.' },
  },
});

export enum SearchField {
  TITLE = 'TITLE',
  BODY = 'BODY',
  TOPICS = 'TOPICS',
  BRAND = 'BRAND',
  CATEGORY = 'CATEGORY',
  HANDLE = 'HANDLE',
  DISPLAY_NAME = 'DISPLAY_NAME',
  BIO = 'BIO',
  NAME = 'NAME',
  DESCRIPTION = 'DESCRIPTION',
}
registerEnumType(SearchField, {
  name: 'SearchField',
  description: 'The field of a hit a highlight comes from.',
  valuesConfig: {
    TITLE: { description: 'A note\'s or product\'s title.' },
    BODY: { description: 'A note\'s body.' },
    TOPICS: { description: 'A note\'s topics.' },
    BRAND: { description: 'A product\'s brand.' },
    CATEGORY: { description: 'A product\'s category.' },
    HANDLE: { description: 'A user\'s handle.' },
    DISPLAY_NAME: { description: 'A user\'s display name.' },
    BIO: { description: 'A user\'s bio.' },
    NAME: { description: 'A group\'s or topic\'s name.' },
    DESCRIPTION: { description: 'A group\'s description.' },
  },
});

export enum SuggestionKind {
  TOPIC = 'TOPIC',
  USER = 'USER',
  PRODUCT = 'PRODUCT',
  QUERY = 'QUERY',
}
registerEnumType(SuggestionKind, {
  name: 'SuggestionKind',
  description: 'Where a search suggestion comes from.',
  valuesConfig: {
    TOPIC: { description: 'A topic name.' },
    USER: { description: 'A user\'s handle.' },
    PRODUCT: { description: 'A product title.' },
    QUERY: { description: 'A query many people searched recently.' },
  },
});

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'What a search hit is: a note, a product, a user, a group or a topic.',
  types: () => [Note, Product, User, Group, Topic] as const,
  // Records carry no type tag; each kind has a property no other has.
  resolveType: (value) =>
    'priceMinor' in value ? 'Product' : 'memberCount' in value ? 'Group' : 'handle' in value ? 'User' : 'authorId' in value ? 'Note' : 'Topic',
});

export type SearchNode = NoteRecord | ProductRecord | UserRecord | GroupRecord | { id: string; name: string };

@InputType({ description: 'Narrows a search; each filter applies to the types it names and is ignored by the others.' })
export class SearchFilters {
  @Field(() => String, { nullable: true, description: 'NOTE: only notes tagged with this topic ("#skincare" or "skincare").' })
  topic?: string | null;

  @Field(() => NoteFormat, { nullable: true, description: 'NOTE: only notes of this format.' })
  format?: NoteFormat | null;

  @Field(() => ID, { nullable: true, description: 'NOTE: only notes posted in this group, which the viewer must be able to read.' })
  groupId?: string | null;

  @Field(() => MinorUnitsScalar, { nullable: true, description: 'PRODUCT: the lowest price, in minor units, inclusive; 0 or more.' })
  minPrice?: number | null;

  @Field(() => MinorUnitsScalar, { nullable: true, description: 'PRODUCT: the highest price, in minor units, inclusive; at least minPrice.' })
  maxPrice?: number | null;

  @Field(() => String, { nullable: true, description: `PRODUCT: only this brand (case and width ignored); at most ${SEARCH_LIMITS.brand} characters.` })
  brand?: string | null;

  @Field(() => String, { nullable: true, description: `PRODUCT: only this category (case and width ignored); at most ${SEARCH_LIMITS.category} characters.` })
  category?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'PRODUCT: true for products with stock left only.' })
  inStock?: boolean | null;
}

@ObjectType({ description: 'A matched snippet of one field of a hit.' })
export class SearchHighlight {
  @Field(() => SearchField, { description: 'The field the snippet is from.' })
  field!: SearchField;

  @Field(() => String, {
    description: `Up to ${SEARCH_LIMITS.snippet} characters around the first match, HTML-escaped, each match wrapped in <em>…</em>; … marks cut text.`,
  })
  snippet!: string;
}

@ObjectType({ description: 'One search hit.' })
export class SearchHit {
  @Field(() => String, { description: 'The position of this hit, for `after`.' })
  cursor!: string;

  @Field(() => SearchResult, { description: 'What was found.' })
  node!: SearchNode;

  @Field(() => Float, { description: 'The RELEVANCE score: text relevance, engagement, freshness and social signals; higher is better.' })
  score!: number;

  @Field(() => [SearchHighlight], { description: `The matched snippets, at most ${SEARCH_LIMITS.highlights}.` })
  highlights!: SearchHighlight[];

  @Field(() => SearchReason, { nullable: true, description: 'The social signal that raised this hit; null when none did.' })
  reason!: SearchReason | null;

  @Field(() => String, { nullable: true, description: 'The reason in words ("liked by 3 people you follow"); null when none.' })
  reasonText!: string | null;
}

@ObjectType({ description: `A page of search hits; at most ${SEARCH_LIMITS.pageMax} a page.` })
export class SearchHitConnection {
  @Field(() => [SearchHit], { description: 'The hits of this page.' })
  edges!: SearchHit[];

  @Field(() => PageInfo, { description: 'Where this page is in the whole list.' })
  pageInfo!: PageInfo;

  @Field(() => Int, {
    description: `How many hits the viewer may see, filters applied, among the best ${SEARCH_LIMITS.candidates} matches of the index.`,
  })
  totalCount!: Lazy<number>;
}

@ObjectType({ description: 'A completion of what the user is typing.' })
export class SearchSuggestion {
  @Field(() => String, { description: 'The suggested text: a topic, a handle, a product title or a popular query.' })
  text!: string;

  @Field(() => SuggestionKind, { description: 'Where the suggestion comes from.' })
  kind!: SuggestionKind;
}

@ObjectType({ description: 'A trending query.' })
export class HotSearch {
  @Field(() => String, { description: 'The query, normalised (lower case, half-width, single spaces).' })
  query!: string;

  @Field(() => Int, { description: 'Its rank in the window, from 1.' })
  rank!: number;

  @Field(() => Int, { description: 'How many distinct signed-in users searched it in the window.' })
  count!: number;

  @Field(() => Int, { nullable: true, description: 'Its rank in the window before; null when it was not trending then.' })
  previousRank!: number | null;

  @Field(() => Int, { nullable: true, description: 'previousRank minus rank: positive when it rose; null when it is new.' })
  rankChange!: number | null;
}

@ObjectType({ description: 'One query of the viewer\'s search history.' })
export class SearchHistoryEntry {
  @Field(() => String, { description: 'The query, normalised.' })
  query!: string;

  @Field(() => DateTimeISOResolver, { description: 'When the viewer last searched it.' })
  searchedAt!: Date;
}

@ObjectType({ description: 'An entry of the viewer\'s search history.' })
export class SearchHistoryEdge {
  @Field(() => String, { description: 'The position of this entry, for `after`.' })
  cursor!: string;

  @Field(() => SearchHistoryEntry, { description: 'The entry.' })
  node!: SearchHistoryEntry;
}

@ObjectType({ description: `The viewer's recent queries, most recent first; at most ${SEARCH_LIMITS.historyMax} a page.` })
export class SearchHistoryConnection {
  @Field(() => [SearchHistoryEdge], { description: 'The entries of this page.' })
  edges!: SearchHistoryEdge[];

  @Field(() => PageInfo, { description: 'Where this page is in the whole list.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many distinct queries the history holds.' })
  totalCount!: Lazy<number>;
}

@ObjectType({ description: 'The result of clearSearchHistory.' })
export class ClearSearchHistoryPayload extends MutationPayload {
  @Field(() => Int, { nullable: true, description: 'How many searches were forgotten; null when refused.' })
  clearedCount!: number | null;
}
