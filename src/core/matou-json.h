/* Reading members of JSON objects that other programs wrote: a missing or mistyped member is "not there", never a crash.
 * And the one writer of a string array that the requests and the helper's lines share. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char       *matou_json_dup_string (JsonObject *object,
                                   const char *name);
gint64      matou_json_get_int    (JsonObject *object,
                                   const char *name,
                                   gint64      fallback);
gboolean    matou_json_get_bool   (JsonObject *object,
                                   const char *name);
char      **matou_json_dup_strv   (JsonObject *object,
                                   const char *name);
JsonObject *matou_json_get_object (JsonObject *object,
                                   const char *name);
JsonArray  *matou_json_get_array  (JsonObject *object,
                                   const char *name);

void        matou_json_add_strv   (JsonBuilder        *builder,
                                   const char         *name,
                                   const char * const *values);
/* Loads text from another program: one JSON value, nothing after it. */
gboolean    matou_json_parser_load (JsonParser  *parser,
                                    const char  *data,
                                    gssize       length,
                                    GError     **error);
gboolean    matou_json_check_request_text (const char  *data,
                                           gsize        length,
                                           GError     **error);

G_END_DECLS
