/* slow_work_in_request.c - slow-work-in-request (100k): a request path does
 * slow work the user should not wait for.
 *
 * What is slow and not urgent is knowledge (`effects:` of kind slow): sending
 * e-mail or text messages, rendering PDFs, processing images, calling CRM and
 * messaging APIs, running subprocesses, sleeping. Awaiting it in an async
 * handler frees the loop but not the user, so awaited e-mail sends count too.
 * Only functions reached from a handler are checked: the same call in a task,
 * a management command or a script is where it belongs. The message names the
 * queue the project already uses, when one is detected. C/C++: a call an
 * event-loop handler reaches is left to blocking-in-event-loop, so this rule
 * speaks for thread-per-request servers (civetweb, cpp-httplib, Crow,
 * Pistache, libmicrohttpd with a thread per connection). */
#include "request_paths.h"

#include <stdio.h>
#include <string.h>

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    (void)ev;
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    hr_reach r;
    if (!c->resolved || !hr_rp_reached(ctx, c->function, HR_REACH_ANY, &r))
        return;
    const hr_kn_effect *e = hr_rp_effect(ctx, index, HR_KN_EFFECT_SLOW);
    if (!e || hr_rp_chained(ctx, index, HR_KN_EFFECT_SLOW))
        return;
    /* C/C++: on an event loop the same call is blocking-in-event-loop, which says more */
    hr_reach loop;
    bool cfamily = m->lang == HR_LANG_C || m->lang == HR_LANG_CPP;
    if (cfamily && hr_rp_reached(ctx, c->function, HR_REACH_LOOP, &loop))
        return;
    char callee[200], where[700], queue[300];
    hr_rp_callee(callee, sizeof(callee), c);
    hr_rp_where(where, sizeof(where), ctx, c->function, &r);
    const char *q = hr_project_queue(ctx->project, m->lang);
    if (q)
        snprintf(queue, sizeof(queue), "hand it to %s, which the project already uses, and answer at once", q);
    else if (cfamily)
        snprintf(queue, sizeof(queue), "hand it to a worker thread or a job queue and answer at once");
    else if (m->lang == HR_LANG_PYTHON)
        snprintf(queue, sizeof(queue), "hand it to a task queue (Celery, RQ, Dramatiq) and answer at once");
    else
        snprintf(queue, sizeof(queue), "hand it to a job queue (BullMQ, Agenda) and answer at once");
    hr_finding *f = hr_report(ctx, c->span,
                              "%s %s while the user waits, in %s: each such request holds a worker for "
                              "seconds, and at 100k users the workers run out; %s.",
                              callee, e->what, where, queue);
    hr_rp_flow(ctx, f, c->function, HR_REACH_ANY, c->span, "slow work inside the request");
}

const hr_rule hr_rule_slow_work_in_request = {
    .id = "slow-work-in-request",
    .name = "SlowWorkInRequest",
    .stage = HR_STAGE_100K,
    .precision = HR_PRECISION_HIGH,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS | HR_LANGBIT(HR_LANG_C) | HR_LANGBIT(HR_LANG_CPP),
    .events = HR_EV_CALL,
    .title = "A request does slow work the user should not wait for.",
    .help = "Enqueue the work (Celery `.delay()`, RQ `enqueue`, BullMQ `queue.add`) and answer "
            "the request at once; let the client poll or be notified when it is done.",
    .check = check,
};
