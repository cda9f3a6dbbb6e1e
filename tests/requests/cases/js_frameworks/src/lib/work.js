export function load() {
  return deep();
}

function deep() {
  return 1;
}

export function unreached() {
  return deep();
}
