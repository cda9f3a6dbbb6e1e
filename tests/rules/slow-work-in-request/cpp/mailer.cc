// slow-work-in-request, C++: a helper in another file than the handler that calls it.
#include "mailer.h"
#include <cstdio>

void send_welcome_mail(const std::string &to)
{
    FILE *mail = popen("/usr/sbin/sendmail -t", "w"); // expect: slow-work-in-request
    std::fprintf(mail, "To: %s\nSubject: welcome\n\nHello!\n", to.c_str());
    pclose(mail);
}
