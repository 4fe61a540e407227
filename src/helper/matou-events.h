/* The helper's answer: one line per event on standard output, built by the shared protocol. */
#pragma once

#include "matou-helper-protocol.h"

G_BEGIN_DECLS

void            matou_events_write  (const char              *line);
void            matou_events_step   (const char              *format,
                                     ...) G_GNUC_PRINTF (1, 2);
void            matou_events_log    (const char              *source,
                                     const char              *text);
MatouHelperExit matou_events_result (const MatouHelperResult *result);

G_END_DECLS
