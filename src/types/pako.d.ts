// pako 1.0.x, the deflate pdf-lib uses (statement PDFs must keep its bytes): only what the project calls.
declare module 'pako' {
  const pako: { deflate(data: Uint8Array): Uint8Array };
  export default pako;
}
