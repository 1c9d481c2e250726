import { describe, expect, it } from 'vitest';
import { pointerSegments, propertyPathSegments, writeOnlyPathTouched, writeOnlyValues } from './write-only-properties';

describe('writeOnlyValues', () => {
  it('takes top-level write-only properties and leaves out the ones not set', () => {
    expect(writeOnlyValues({ Name: 'n', BotLocales: [{ LocaleId: 'en_US' }], AutoBuildBotLocales: true }, ['/properties/BotLocales', '/properties/AutoBuildBotLocales', '/properties/BotTags']))
      .toEqual({ '/properties/BotLocales': [{ LocaleId: 'en_US' }], '/properties/AutoBuildBotLocales': true });
  });

  it('follows nested paths through every array item, keeping positions (null where an item has none)', () => {
    const state = { Items: [{ Name: 'a', Secret: { Value: 1 } }, { Name: 'b' }, { Name: 'c', Secret: { Value: 3 } }] };
    expect(writeOnlyValues(state, ['/properties/Items/*/Secret/Value'])).toEqual({ '/properties/Items/*/Secret/Value': [1, null, 3] });
    // Another item, or a changed non-write-only sibling, shows (or not) exactly as the data does.
    expect(writeOnlyValues({ Items: [...state.Items, { Name: 'd' }] }, ['/properties/Items/*/Secret/Value'])).toEqual({ '/properties/Items/*/Secret/Value': [1, null, 3, null] });
    expect(writeOnlyValues({ Items: state.Items.map((i) => ({ ...i, Name: 'x' })) }, ['/properties/Items/*/Secret/Value'])).toEqual({ '/properties/Items/*/Secret/Value': [1, null, 3] });
  });

  it('follows a wildcard through map values, and nothing when the path is absent', () => {
    expect(writeOnlyValues({ Map: { k1: { S: 1 }, k2: {} } }, ['/properties/Map/*/S'])).toEqual({ '/properties/Map/*/S': { k1: 1, k2: null } });
    expect(writeOnlyValues({ Other: 1 }, ['/properties/Items/*/S', '/properties/A/B'])).toEqual({});
    expect(writeOnlyValues({ A: 'not an object' }, ['/properties/A/B'])).toEqual({});
  });

  it('refuses a path outside /properties', () => {
    expect(() => writeOnlyValues({}, ['/definitions/X'])).toThrow(/not a schema property path: \/definitions\/X/);
  });
});

describe('writeOnlyPathTouched', () => {
  const paths = ['/properties/BotLocales', '/properties/Items/*/Secret'];

  it('finds an operation inside write-only data, or on a container that holds it', () => {
    expect(writeOnlyPathTouched('/BotLocales/0/Intents/1/Name', paths)).toBe('/properties/BotLocales');
    expect(writeOnlyPathTouched('/BotLocales', paths)).toBe('/properties/BotLocales');
    expect(writeOnlyPathTouched('/Items/3/Secret/Value', paths)).toBe('/properties/Items/*/Secret');
    expect(writeOnlyPathTouched('/Items/3', paths)).toBe('/properties/Items/*/Secret');
    expect(writeOnlyPathTouched('/Items', paths)).toBe('/properties/Items/*/Secret');
    expect(writeOnlyPathTouched('', paths)).toBe('/properties/BotLocales');
  });

  it('passes operations beside write-only data', () => {
    expect(writeOnlyPathTouched('/IdleSessionTTLInSeconds', paths)).toBeUndefined();
    expect(writeOnlyPathTouched('/Items/3/Name', paths)).toBeUndefined();
    expect(writeOnlyPathTouched('/BotLocalesX', paths)).toBeUndefined();
  });

  it('decodes RFC 6901 escapes', () => {
    expect(pointerSegments('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    expect(propertyPathSegments('/properties/A/*/B')).toEqual(['A', '*', 'B']);
    expect(writeOnlyPathTouched('/Tag~1s', ['/properties/Tag~1s'])).toBe('/properties/Tag~1s');
  });
});
