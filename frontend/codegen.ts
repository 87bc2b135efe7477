// Typed GraphQL documents from the server's committed schema (api/schema.graphql): every
// `graphql(...)` call in src/ gets its result and variable types.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      // Fragments share a selection between queries (e.g. a dependency's fields); their fields
      // land in each query's own type rather than behind useFragment.
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { UUID: 'string', DateTime: 'string', NaiveDate: 'string', JSON: 'unknown', Upload: 'File' },
      },
    },
  },
};

export default config;
