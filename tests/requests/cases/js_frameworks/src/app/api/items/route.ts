import { load } from '../../../lib/work';

export async function GET() {
  return Response.json(load());
}

export function helperInRoute() {
  return 1;
}
