// slow-work-in-request, C: libmicrohttpd with a thread per connection. The
// user waits while the handler sleeps or runs programs.
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void render_invoice(const char *order)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "wkhtmltopdf /srv/invoices/%s.html /srv/invoices/%s.pdf", order, order);
    system(cmd); // expect: slow-work-in-request
}

static void send_receipt(const char *email)
{
    FILE *mail = popen("/usr/sbin/sendmail -t", "w"); // expect: slow-work-in-request
    fprintf(mail, "To: %s\nSubject: your receipt\n\nThanks!\n", email);
    pclose(mail);
}

static enum MHD_Result on_checkout(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                   const char *version, const char *upload, size_t *upload_size, void **state)
{
    struct timespec backoff = {1, 0};
    if (strcmp(url, "/checkout") == 0) {
        render_invoice("1001");
        send_receipt("customer@example.com");
    } else if (strcmp(url, "/retry") == 0) {
        nanosleep(&backoff, NULL); // expect: slow-work-in-request
    } else if (strcmp(url, "/poll") == 0) {
        sleep(2); // expect: slow-work-in-request
    } else if (strcmp(url, "/wait") == 0) {
        usleep(300000); // expect: slow-work-in-request
    }
    return MHD_YES;
}

// Flags headroom cannot read: taken as a thread per request, conservatively.
static enum MHD_Result on_admin(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                const char *version, const char *upload, size_t *upload_size, void **state)
{
    system("/usr/local/bin/rotate-logs"); // expect: slow-work-in-request
    return MHD_YES;
}

int main(int argc, char **argv)
{
    unsigned flags = argc > 1 ? MHD_USE_THREAD_PER_CONNECTION : MHD_USE_SELECT_INTERNALLY;
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD, 8080,
                                            NULL, NULL, &on_checkout, NULL, MHD_OPTION_END);
    struct MHD_Daemon *admin = MHD_start_daemon(flags, 8081, NULL, NULL, &on_admin, NULL, MHD_OPTION_END);
    (void)getchar();
    MHD_stop_daemon(d);
    MHD_stop_daemon(admin);
    return 0;
}
