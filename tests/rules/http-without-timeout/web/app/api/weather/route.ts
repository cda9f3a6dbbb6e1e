import { forecast, post } from '../../../lib/weather';

export async function GET(request: Request) {
  return Response.json(await forecast('paris'));
}

export async function POST(request: Request) {
  return Response.json(await post('paris'));
}
