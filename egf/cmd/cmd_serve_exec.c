/*
 * cmd_serve_exec.c: egf serve in the egf program: the command is run by
 * egf-serve, which is egf linked with the HTTP server (cmd_serve.c and the
 * serve modules, libmicrohttpd and GnuTLS). Keeping those libraries out of
 * egf spares every other command their loading (a tenth of a single
 * packet's time). main hands egf-serve the whole command line, so its
 * options, help and errors are the server's own.
 */
#include <stddef.h>

#include "commands.h"

const struct cmd_ops cmd_serve = { NULL, NULL, 0, NULL, NULL, NULL, "egf-serve" };
