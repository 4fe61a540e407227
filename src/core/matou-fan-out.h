/* Many probes at once, their results in the order asked: the one fan-out the HTTP and DNS probes share. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean matou_fan_out_start     (GTask          *task,
                                  guint           n,
                                  GDestroyNotify  free_result);
gpointer matou_fan_out_part      (GTask          *task,
                                  guint           index);
void     matou_fan_out_part_done (gpointer        part,
                                  gpointer        result);

G_END_DECLS
