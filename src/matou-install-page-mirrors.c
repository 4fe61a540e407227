/* The Install page's mirror choice: the docker-ce mirrors, and a speed test of all of them. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-install-page-private.h"
#include "matou-probe.h"

#define PROBE_TIMEOUT_SECONDS 10

const MatouPreset *
_matou_install_page_find_mirror (MatouInstallPage *self,
                                 const char       *id)
{
  return self->mirrors != NULL && id != NULL ? matou_presets_find (self->mirrors, id) : NULL;
}

const char *
_matou_install_page_selected_mirror_id (MatouInstallPage *self)
{
  guint selected = adw_combo_row_get_selected (self->mirror_row);

  if (self->mirror_order == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected >= g_strv_length (self->mirror_order))
    return NULL;

  return self->mirror_order[selected];
}

static void
show_mirror_detail (MatouInstallPage *self)
{
  const MatouPreset *preset = _matou_install_page_find_mirror (self, _matou_install_page_selected_mirror_id (self));
  g_autofree char *text = NULL;

  if (preset == NULL)
    {
      gtk_label_set_text (self->mirror_detail_label, "");
      return;
    }

  text = g_strdup_printf ("%s\n%s", preset->url, preset->note);
  gtk_label_set_text (self->mirror_detail_label, text);
}

/* The combo's rows: names, and what the speed test found, in @order. */
void
_matou_install_page_fill_mirror_list (MatouInstallPage   *self,
                                      const char * const *order,
                                      const char         *select)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint position = 0;

  for (guint i = 0; order != NULL && order[i] != NULL; i++)
    {
      const MatouPreset *preset = _matou_install_page_find_mirror (self, order[i]);
      const char *speed = g_hash_table_lookup (self->mirror_speeds, order[i]);
      g_autofree char *label = NULL;

      if (speed != NULL)
        /* TRANSLATORS: a mirror and its speed test, e.g. "Tsinghua University (TUNA) — 85 ms" */
        label = g_strdup_printf (_("%s — %s"), preset->name, speed);
      else
        label = g_strdup (preset->name);
      gtk_string_list_append (names, label);
      if (g_strcmp0 (order[i], select) == 0)
        position = i;
    }

  if ((const char * const *) self->mirror_order != order)
    {
      g_strfreev (self->mirror_order);
      self->mirror_order = g_strdupv ((char **) order);
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->mirror_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->mirror_row, position);
  self->updating = FALSE;
  show_mirror_detail (self);
}

/* The speed test's results as a list of their own, fastest first: the drop-down
 * shows them too, but only while it is open. */
static void
show_speed_list (MatouInstallPage   *self,
                 const char * const *ranked,
                 GHashTable         *by_id,
                 MatouOffline        offline)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->speed_list))) != NULL)
    gtk_list_box_remove (self->speed_list, child);

  for (guint i = 0; ranked[i] != NULL; i++)
    {
      const MatouProbeResult *probe = g_hash_table_lookup (by_id, ranked[i]);
      const MatouPreset *preset = _matou_install_page_find_mirror (self, ranked[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *status;

      if (probe == NULL || preset == NULL)
        continue;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), preset->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      /* A failure says what was seen from here; offline, no row blames its mirror. */
      if (offline == MATOU_OFFLINE_NO && probe->verdict != MATOU_PROBE_OK)
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), probe->detail);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
        }
      status = gtk_label_new (g_hash_table_lookup (self->mirror_speeds, ranked[i]));
      gtk_widget_add_css_class (status, offline != MATOU_OFFLINE_NO ? "dim-label" :
                                        probe->verdict == MATOU_PROBE_OK ? "success" : "error");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
      gtk_list_box_append (self->speed_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->speed_list), ranked[0] != NULL);

  gtk_label_set_text (self->speed_offline_label, offline != MATOU_OFFLINE_NO ? matou_offline_describe (offline) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->speed_offline_label), offline != MATOU_OFFLINE_NO);
}

static void
probe_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MatouInstallPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = matou_probe_many_finish (result, &error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) ranked = NULL;
  g_autofree char *keep = NULL;
  gboolean any_ok = FALSE;
  MatouOffline offline;

  if (results == NULL)
    return;

  self->probing = FALSE;
  offline = matou_probe_results_offline (results);
  for (guint i = 0; self->mirror_order[i] != NULL && i < results->len; i++)
    {
      const MatouProbeResult *probe = g_ptr_array_index (results, i);

      g_hash_table_insert (by_id, self->mirror_order[i], (gpointer) probe);
      g_hash_table_insert (self->mirror_speeds, g_strdup (self->mirror_order[i]),
                           offline != MATOU_OFFLINE_NO ? g_strdup (matou_offline_row_text ()) :
                           probe->verdict == MATOU_PROBE_OK ?
                           matou_probe_format_seconds (probe->seconds) :
                           g_strdup (matou_probe_verdict_get_label (probe->verdict)));
    }

  ranked = matou_install_rank_mirrors ((const char * const *) self->mirror_order, results);
  show_speed_list (self, (const char * const *) ranked, by_id, offline);
  /* The fastest that answered is chosen; when none did, the user's choice stays. */
  for (guint i = 0; i < results->len; i++)
    any_ok |= ((const MatouProbeResult *) g_ptr_array_index (results, i))->verdict == MATOU_PROBE_OK;
  keep = g_strdup (any_ok ? ranked[0] : _matou_install_page_selected_mirror_id (self));
  _matou_install_page_fill_mirror_list (self, (const char * const *) ranked, keep);
  _matou_install_page_update_actions (self);
  _matou_install_page_rebuild_plan (self);
}

static void
test_speed_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MatouInstallPage *self = MATOU_INSTALL_PAGE (widget);
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  const char *distro = self->plan != NULL ? self->plan->distro : NULL;

  for (guint i = 0; self->mirror_order[i] != NULL; i++)
    g_ptr_array_add (urls, matou_preset_docker_ce_test_url (_matou_install_page_find_mirror (self, self->mirror_order[i]), distro));
  g_ptr_array_add (urls, NULL);

  g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);
  self->probe_cancellable = g_cancellable_new ();
  self->probing = TRUE;
  _matou_install_page_update_actions (self);

  /* Every mirror at once, in the background: the page stays usable. */
  matou_probe_many_async ((const char * const *) urls->pdata, MATOU_PROBE_DOWNLOAD, NULL, PROBE_TIMEOUT_SECONDS,
                          self->probe_cancellable, probe_cb, g_object_ref (self));
}

static void
on_mirror_selected_cb (MatouInstallPage *self)
{
  if (self->updating)
    return;

  show_mirror_detail (self);
  _matou_install_page_rebuild_plan (self);
}

void
_matou_install_page_class_init_mirrors (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_mirror_selected_cb);
  gtk_widget_class_install_action (widget_class, "install.test-speed", NULL, test_speed_activated);
}
