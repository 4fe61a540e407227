/* An ordered list of values to edit: add with validation, remove, move, suggestions, test results. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* An editable's text; never NULL, even while a row is being built or torn down. */
static inline const char *
editable_text (GtkEditable *editable)
{
  const char *text = gtk_editable_get_text (editable);

  return text != NULL ? text : "";
}

/* The text typed, without the spaces around it. */
static inline char *
editable_dup_stripped (GtkEditable *editable)
{
  return g_strstrip (g_strdup (editable_text (editable)));
}

#define MATOU_TYPE_LIST_EDITOR (matou_list_editor_get_type ())
G_DECLARE_FINAL_TYPE (MatouListEditor, matou_list_editor, MATOU, LIST_EDITOR, AdwPreferencesGroup)

typedef gboolean (*MatouListValidateFunc) (const char  *value,
                                           gpointer     user_data,
                                           GError     **error);

typedef enum {
  MATOU_RESULT_NONE,
  MATOU_RESULT_RUNNING,
  MATOU_RESULT_GOOD,
  MATOU_RESULT_BAD,
} MatouResultKind;

void    matou_list_editor_set_validator    (MatouListEditor       *self,
                                            MatouListValidateFunc  func,
                                            gpointer               user_data);
void    matou_list_editor_set_add_title    (MatouListEditor       *self,
                                            const char            *title);
void    matou_list_editor_set_empty_text   (MatouListEditor       *self,
                                            const char            *text);
char  **matou_list_editor_get_items        (MatouListEditor       *self);
void    matou_list_editor_prepare_add      (MatouListEditor       *self,
                                            const char            *value);
void    matou_list_editor_set_items        (MatouListEditor       *self,
                                            const char * const    *items);
void    matou_list_editor_add_suggestion   (MatouListEditor       *self,
                                            const char            *value,
                                            const char            *title,
                                            const char            *note);
char  **matou_list_editor_get_suggestions  (MatouListEditor       *self);
void    matou_list_editor_set_result       (MatouListEditor       *self,
                                            const char            *value,
                                            MatouResultKind        kind,
                                            const char            *summary,
                                            const char            *detail);
void    matou_list_editor_clear_results    (MatouListEditor       *self);
void    matou_list_editor_reorder          (MatouListEditor       *self,
                                            const char * const    *order);
gboolean matou_list_editor_get_valid       (MatouListEditor       *self);

G_END_DECLS
