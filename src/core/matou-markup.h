/* What the loaders of Matou's XML data files (compare.xml, doctor.xml) share: errors, text, parsing. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The first member of a loader's parser state: the text of the leaf
 * element being read. Text outside a leaf is an error when @strict, else
 * it is passed over. */
typedef struct {
  GString  *text;
  gboolean  in_leaf;
  gboolean  strict;
} MatouMarkupLeaf;

typedef void (*MatouMarkupStart) (GMarkupParseContext  *context,
                                  const char           *element,
                                  const char          **names,
                                  const char          **values,
                                  gpointer              parser,
                                  GError              **error);
typedef void (*MatouMarkupEnd)   (GMarkupParseContext  *context,
                                  const char           *element,
                                  gpointer              parser,
                                  GError              **error);

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
void     matou_markup_leaf_begin      (MatouMarkupLeaf      *leaf);
gboolean matou_markup_leaf_end        (MatouMarkupLeaf      *leaf);
gboolean matou_markup_parse           (MatouMarkupStart      start_element,
                                       MatouMarkupEnd        end_element,
                                       GMarkupParseFlags     flags,
                                       MatouMarkupLeaf      *parser,
                                       const char           *data,
                                       gssize                length,
                                       const char           *file,
                                       GError              **error);

G_END_DECLS
