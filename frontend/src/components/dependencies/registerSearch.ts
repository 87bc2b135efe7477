// Searching the register on the server as you type: at most PICK_LIMIT suppliers and services
// per search, so a register of 100,000 suppliers is never loaded. Suppliers match part of a
// legal name or an identifier (LEI, VAT, D-U-N-S, registry number); services part of the name.
// Used by the supplier picker of a dependency and by the dependency graph's search.
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { Rating } from '../../gql/graphql';
import { criticalityWords } from '../../lib/dependencies';
import { words } from '../../lib/format';

const SUPPLIERS = graphql(`
  query PickSupplier($search: String, $first: Int!) {
    suppliers(filter: { search: $search }, orderBy: { field: LEGAL_NAME }, first: $first) {
      totalCount
      nodes {
        id
        legalName
        category
        country
        status
        rating
      }
    }
  }
`);

const SERVICES = graphql(`
  query PickService($search: String, $first: Int!) {
    services(filter: { search: $search }, orderBy: { field: NAME }, first: $first) {
      totalCount
      nodes {
        id
        name
        criticality
      }
    }
  }
`);

/** How many matches one search fetches (of each kind). */
export const PICK_LIMIT = 20;

export interface Found {
  id: string;
  name: string;
  /** Category, country and status of a supplier; criticality of a service. */
  detail: string;
  /** A supplier's rating, lowercase; null when not rated (and for a service). */
  rating: Lowercase<Rating> | null;
}

export interface Matches {
  /** Undefined until the first answer. */
  found?: Found[];
  /** Matches in the register, shown or not. */
  total: number;
}

/** The register's suppliers and services matching `search` (typed text, debounced here); a
 * kind not asked for is not searched. */
export function useRegisterSearch(search: string, kinds: { suppliers: boolean; services: boolean }) {
  const [term] = useDebouncedValue(search.trim(), 250);
  const variables = { search: term || null, first: PICK_LIMIT };
  const [suppliers] = useQuery({ query: SUPPLIERS, variables, pause: !kinds.suppliers });
  const [services] = useQuery({ query: SERVICES, variables, pause: !kinds.services });
  const supplierMatches: Matches = {
    found: suppliers.data?.suppliers.nodes.map((s) => ({
      id: s.id,
      name: s.legalName,
      detail: `${s.category} · ${s.country} · ${words(s.status)}`,
      rating: s.rating ? (s.rating.toLowerCase() as Lowercase<Rating>) : null,
    })),
    total: suppliers.data?.suppliers.totalCount ?? 0,
  };
  const serviceMatches: Matches = {
    found: services.data?.services.nodes.map((s) => ({ id: s.id, name: s.name, detail: `criticality ${criticalityWords(s.criticality)}`, rating: null })),
    total: services.data?.services.totalCount ?? 0,
  };
  // `settled`: the matches are for what is typed now, not the last search's while the next waits.
  const answers = (result: { operation?: { variables: { search?: string | null } } }) => (result.operation?.variables.search ?? null) === (term || null);
  const settled = search.trim() === term && (!kinds.suppliers || answers(suppliers)) && (!kinds.services || answers(services));
  return {
    term,
    settled,
    fetching: (kinds.suppliers && suppliers.fetching) || (kinds.services && services.fetching),
    suppliers: supplierMatches,
    services: serviceMatches,
  };
}
