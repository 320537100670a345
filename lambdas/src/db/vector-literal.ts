/** 8 significant digits are plenty for cosine similarity and keep the payload small. */
function roundVector(vector: readonly number[]): number[] {
  return vector.map((value) => Number(value.toPrecision(8)));
}

/** pgvector's text form (`[1,2,3]`): far faster to send than a jsonb array of 1536 numbers. */
export function vectorLiteral(vector: readonly number[]): string {
  return `[${roundVector(vector).join(',')}]`;
}
