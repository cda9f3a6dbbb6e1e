export * from './user';
export { default as Post } from './post';
