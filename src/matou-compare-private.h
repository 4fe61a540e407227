/* What the Compare page's widgets share: how a rating looks, what a next step is called, rows of plain text. */
#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>

#include "matou-compare-content.h"

G_BEGIN_DECLS

/* The CSS class of a rating (ui/matou-compare.css); the word says it too, colour is not alone. */
static inline const char *
matou_compare_level_style (MatouCompareLevel level)
{
  switch (level)
    {
    case MATOU_COMPARE_LEVEL_GOOD:
      return "rating-good";
    case MATOU_COMPARE_LEVEL_FAIR:
      return "rating-fair";
    case MATOU_COMPARE_LEVEL_POOR:
      return "rating-poor";
    case MATOU_COMPARE_LEVEL_NEUTRAL:
    default:
      return "rating-neutral";
    }
}

/* The button that leads from the content to another page of the window. */
static inline const char *
matou_compare_page_button_label (const char *page)
{
  if (g_strcmp0 (page, "install") == 0)
    return _("Install Docker Engine");

  return _("Open the Page");
}

/* A row that only shows a text, wrapped, optionally after an icon. */
static inline GtkWidget *
matou_compare_text_row_new (const char *text,
                            const char *icon_name,
                            const char *icon_style,
                            const char *icon_label)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  /* Text to read, nothing to do: no stop in the Tab chain. */
  gtk_widget_set_focusable (row, FALSE);
  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      if (icon_style != NULL)
        gtk_widget_add_css_class (icon, icon_style);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, icon_label, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  return row;
}

/* About how many Latin characters wide @text is: CJK characters take two. */
static inline int
matou_compare_text_width (const char *text)
{
  int width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;

  return width;
}

/* A criterion's rating as a row: the criterion, its phrase, and the rating at the end. */
static inline GtkWidget *
matou_compare_cell_row_new (const MatouCompareCell *cell)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *rating = gtk_label_new (cell->rating);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cell->criterion->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cell->phrase);
  /* A rating to read, nothing to do: no stop in the Tab chain. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (rating, "compare-rating");
  gtk_widget_add_css_class (rating, matou_compare_level_style (cell->level));
  gtk_label_set_wrap (GTK_LABEL (rating), TRUE);
  /* A rating of two short words stays on one line; a longer one wraps. */
  gtk_label_set_width_chars (GTK_LABEL (rating), MIN (matou_compare_text_width (cell->rating), 12));
  gtk_label_set_max_width_chars (GTK_LABEL (rating), 14);
  gtk_label_set_justify (GTK_LABEL (rating), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (rating), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), rating);

  return row;
}

G_END_DECLS
