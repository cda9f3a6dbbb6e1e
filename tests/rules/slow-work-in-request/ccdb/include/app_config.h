/* Settings of the ccdb fixture's server (found through -Iinclude). */
#ifndef APP_CONFIG_H
#define APP_CONFIG_H
#define APP_PORT 8080
#define APP_EXPORT_COMMAND "/usr/local/bin/export --all"
#endif
