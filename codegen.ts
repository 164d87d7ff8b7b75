import type { CodegenConfig } from '@graphql-codegen/cli';

// schema.graphql is the truth; these types are derived from it and committed. `.ci/run` regenerates
// them and fails on any difference (scripts/check-generated.mjs).
const config: CodegenConfig = {
  schema: 'schema.graphql',
  overwrite: true,
  generates: {
    'src/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        strictScalars: true,
        useTypeImports: true,
        enumsAsTypes: true,
        useIndexSignature: false,
        contextType: '../context.js#Context',
        scalars: {
          // Passed through byte for byte: the string is the value (see src/resolvers/scalars.ts).
          DateTimeOffset: 'string',
          SafeInt: 'number',
          _FieldSet: 'string',
        },
      },
    },
    // The example operations as typed documents (TypedDocumentNode) a frontend imports: Apollo Client,
    // urql and graphql-request infer variables and results from them. Generating them also validates
    // every operation against schema.graphql.
    'src/__generated__/operations.ts': {
      documents: 'operations/*.graphql',
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        onlyOperationTypes: true,
        strictScalars: true,
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          DateTimeOffset: 'string',
          SafeInt: 'number',
        },
      },
    },
  },
};

export default config;
