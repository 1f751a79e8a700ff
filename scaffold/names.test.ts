import { MAX_NAME_LENGTH, nameProblem, namingOf } from './names';

describe('names of a new subgraph', () => {
  it.each(['library', 'library-card', 'payments', 'm2m', 'a1-b2'])('takes %s', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it('gives every form the repository writes a name in', () => {
    expect(namingOf('library')).toEqual({ kebab: 'library', camel: 'library', pascal: 'Library', constant: 'LIBRARY', objectKey: 'library' });
    expect(namingOf('library-card')).toEqual({ kebab: 'library-card', camel: 'libraryCard', pascal: 'LibraryCard', constant: 'LIBRARY_CARD', objectKey: "'library-card'" });
  });

  it.each([
    ['nothing', ''],
    ['capitals', 'Library'],
    ['an underscore', 'library_card'],
    ['a leading digit', '2fa'],
    ['a double dash', 'library--card'],
    ['a trailing dash', 'library-'],
    ['a space', 'library card'],
    ['Cyrillic', 'библиотека'],
    ['a path', '../gateway'],
  ])('refuses %s, saying what a name is', (_what, name) => {
    expect(nameProblem(name)).toMatch(/lower-case letters, digits and (single )?dashes/);
  });

  it('refuses a name longer than a Kubernetes name and an environment variable stay readable with', () => {
    expect(nameProblem('a'.repeat(MAX_NAME_LENGTH))).toBeUndefined();
    expect(nameProblem('a'.repeat(MAX_NAME_LENGTH + 1))).toContain(`at most ${MAX_NAME_LENGTH}`);
  });

  it.each(['kit', 'transport', 'population', 'supergraph', 'contracts', 'audit', 'staff', 'public', 'resident-only', 'gateway', 'migrate', 'redis', 'query', 'class', 'delete'])(
    'refuses the reserved word %s',
    (name) => {
      expect(nameProblem(name)).toContain('reserved word');
    },
  );

  it('quotes no control character of a refused name back', () => {
    expect(nameProblem('lib\u001b[31mrary')).toContain('"lib?[31mrary"');
  });

  it('names what is refused: the subgraph or its legacy system', () => {
    expect(nameProblem('Mesh!', 'the legacy system')).toContain('is not a name for the legacy system');
  });
});
