import { useQuery } from 'urql';
import { graphql } from '../gql';

const PERMISSIONS = graphql(`
  query Permissions { me { canWriteRegister canAdminister } }
`);

/** What the signed-in caller may change; false until known, so nothing flashes editable. */
export function usePermissions(): { canWrite: boolean; canAdminister: boolean } {
  const [{ data }] = useQuery({ query: PERMISSIONS });
  return { canWrite: data?.me.canWriteRegister ?? false, canAdminister: data?.me.canAdminister ?? false };
}
