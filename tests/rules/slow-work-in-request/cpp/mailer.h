// Sends mail by running sendmail (mailer.cc).
#pragma once
#include <string>

void send_welcome_mail(const std::string &to);
