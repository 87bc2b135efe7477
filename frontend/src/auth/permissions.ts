import { useQuery } from 'urql';
import { graphql } from '../gql';

// One query for who is signed in: the frame, the permissions and "mine" filters all read it,
// so the client asks once.
const VIEWER = graphql(`
  query Viewer {
    me {
      organisation {
        name
      }
      user {
        id
        email
        displayName
        role
      }
      canWriteRegister
      canAdminister
    }
  }
`);

export interface Viewer {
  organisation?: string;
  user?: { id: string; email: string; displayName?: string | null; role: string } | null;
  canWrite: boolean;
  canAdminister: boolean;
}

/** Who is signed in; permissions are false until known, so nothing flashes editable. */
export function useViewer(): Viewer {
  const [{ data }] = useQuery({ query: VIEWER });
  return {
    organisation: data?.me.organisation.name,
    user: data?.me.user,
    canWrite: data?.me.canWriteRegister ?? false,
    canAdminister: data?.me.canAdminister ?? false,
  };
}

/** What the signed-in caller may change. */
export function usePermissions(): { canWrite: boolean; canAdminister: boolean } {
  const { canWrite, canAdminister } = useViewer();
  return { canWrite, canAdminister };
}
