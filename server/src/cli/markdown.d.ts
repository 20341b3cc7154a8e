/** RULES.md, embedded as text by esbuild (scripts/build.mjs: loader `.md: text`). */
declare module '*.md' {
  const text: string;
  export default text;
}
