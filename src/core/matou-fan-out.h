/* Many probes at once, their results in the order asked: the one fan-out the HTTP and DNS probes share. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GTask     *matou_fan_out_new       (gpointer             source_tag,
                                    guint                n,
                                    GDestroyNotify       free_result,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
GPtrArray *matou_fan_out_finish    (GAsyncResult        *result,
                                    gpointer             source_tag,
                                    GError             **error);
gpointer   matou_fan_out_part      (GTask               *task,
                                    guint                index);
void       matou_fan_out_part_done (gpointer             part,
                                    gpointer             result);

G_END_DECLS
