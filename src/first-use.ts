// Something made the first time it is asked for, then kept: zod schemas only some starts need.

/** `make()`'s value, made on the first call and the same on every later one. */
export function onFirstUse<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
