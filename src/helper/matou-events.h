/* The helper's answer: one JSON object per line on standard output. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void matou_events_step   (const char *format, ...) G_GNUC_PRINTF (1, 2);
void matou_events_log    (const char *source,
                          const char *line);
void matou_events_emit   (JsonNode   *object);

G_END_DECLS
