from fastapi import FastAPI

app = FastAPI()
CARTS: dict = {}
JOBS = list()


@app.post("/cart/{user}")
async def add_to_cart(user: str, item: str):
    CARTS.setdefault(user, []).append(item)  # expect: in-process-state
    return CARTS[user]


@app.post("/jobs")
async def enqueue(job: str):
    JOBS.insert(0, job)  # expect: in-process-state
    return {"queued": len(JOBS)}
