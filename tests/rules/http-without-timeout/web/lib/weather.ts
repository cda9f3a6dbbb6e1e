import got from 'got';

export async function forecast(city: string) {
  const r = await fetch(`https://weather.example/${city}`); // expect: http-without-timeout
  return r.json();
}

export async function post(city: string) {
  return got.post('https://weather.example', { json: { city } }); // expect: http-without-timeout
}
