import { describe, expect, it } from 'vitest';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { problemsAt, unplacedProblem } from './problems';

const refused = (...errors: GraphQLError[]) => new CombinedError({ graphQLErrors: errors });
const validation = (...fields: [string, string][]) =>
  new GraphQLError('invalid input', { extensions: { code: 'VALIDATION', fieldErrors: fields.map(([field, message]) => ({ field, message })) } });
const conflict = (message: string, field?: string) => new GraphQLError(message, { extensions: { code: 'CONFLICT', ...(field ? { field } : {}) } });

describe('problems at fields', () => {
  it('places validation errors and a conflict naming its field', () => {
    expect(problemsAt(refused(validation(['input.function', 'at most 100 characters'])))).toEqual({ 'input.function': 'at most 100 characters' });
    expect(problemsAt(refused(conflict('this dependency is already recorded', 'input.providerId')))).toEqual({
      'input.providerId': 'this dependency is already recorded',
    });
  });

  it('keeps the first message of a field and ignores conflicts without one', () => {
    const error = refused(validation(['input.name', 'required'], ['input.name', 'too long']), conflict('retry', undefined));
    expect(problemsAt(error)).toEqual({ 'input.name': 'required' });
    expect(problemsAt(undefined)).toEqual({});
  });

  it('says above the form only what no field of it shows', () => {
    const error = refused(validation(['input.function', 'too long'], ['input.dependentId', 'no service or supplier of your organisation has this id']));
    expect(unplacedProblem(error, ['input.function', 'input.dependentId'])).toBeNull();
    expect(unplacedProblem(error, ['input.function'])).toBe('dependent id: no service or supplier of your organisation has this id');
    expect(unplacedProblem(refused(conflict('a conflicting record was written at the same time; retry')), ['input.name'])).toBe(
      'a conflicting record was written at the same time; retry',
    );
    expect(unplacedProblem(refused(new GraphQLError('nope', { extensions: { code: 'FORBIDDEN' } })), [])).toBe('You are not allowed to do this.');
    expect(unplacedProblem(undefined, [])).toBeNull();
  });
});
