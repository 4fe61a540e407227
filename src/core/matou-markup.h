/* What the loaders of Matou's XML data files (compare.xml, doctor.xml) share: errors, text, parsing. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean matou_markup_fail            (GMarkupParseContext  *context,
                                       const char           *file,
                                       GError              **error,
                                       const char           *format,
                                       ...) G_GNUC_PRINTF (4, 5);
char    *matou_markup_normalize_space (const char           *text);
gboolean matou_markup_set_once        (char                **field,
                                       char                 *value,
                                       GMarkupParseContext  *context,
                                       const char           *file,
                                       const char           *element,
                                       GError              **error);
gboolean matou_markup_parse           (const GMarkupParser  *parser,
                                       GMarkupParseFlags     flags,
                                       gpointer              user_data,
                                       const char           *data,
                                       gssize                length,
                                       const char           *file,
                                       GError              **error);

G_END_DECLS
