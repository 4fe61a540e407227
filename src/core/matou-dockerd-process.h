/* The running dockerd as /proc shows it: which process serves a socket, and which of its flags are also daemon.json keys. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int    pid;
  char **argv;
} MatouDockerd;

void                matou_dockerd_find         (const char    *socket_path,
                                                MatouDockerd  *found);
void                matou_dockerd_clear        (MatouDockerd  *dockerd);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MatouDockerd, matou_dockerd_clear)
const char         *matou_dockerd_flag_value   (char         **argv,
                                                const char    *long_name,
                                                const char    *short_name,
                                                guint          from);
const char * const *matou_dockerd_flag_keys    (void);
const char         *matou_dockerd_flag_for_key (char         **argv,
                                                const char    *key);
gboolean            matou_dockerd_shares_network (const char  *pidfile,
                                                  gboolean    *shares);

G_END_DECLS
