/* What the GUI and matou-helper agree on: the typed lines the helper writes, built and read in one place. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "matou-error.h"
#include "matou-helper-protocol.h"
#include "matou-json.h"

/* --- building ------------------------------------------------------------- */

JsonBuilder *
matou_helper_line_begin (const char *type)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);

  return builder;
}

/* A NULL value is written as null: the member is always there. */
void
matou_helper_line_add_string (JsonBuilder *builder,
                              const char  *name,
                              const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *name,
             gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* Ends the object and gives its one-line text. */
char *
matou_helper_line_end (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  g_object_unref (builder);

  return json_generator_to_data (generator, NULL);
}

/**
 * matou_helper_step_line:
 * @id: (nullable): install: the step's identifier; %NULL for a plain step
 *
 * Returns: the text of a "step" line.
 */
char *
matou_helper_step_line (const char *text,
                        const char *id,
                        const char *state,
                        gint64      index,
                        gint64      count)
{
  JsonBuilder *builder = matou_helper_line_begin ("step");

  matou_helper_line_add_string (builder, "text", text);
  if (id != NULL)
    {
      matou_helper_line_add_string (builder, "id", id);
      matou_helper_line_add_string (builder, "state", state);
      add_int (builder, "index", index);
      add_int (builder, "count", count);
    }

  return matou_helper_line_end (builder);
}

/* A line of a program's output; text that is not UTF-8 is made valid first. */
char *
matou_helper_log_line (const char *source,
                       const char *text)
{
  JsonBuilder *builder = matou_helper_line_begin ("log");
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  matou_helper_line_add_string (builder, "source", source);
  matou_helper_line_add_string (builder, "text", valid);

  return matou_helper_line_end (builder);
}

static void
check_free (gpointer data)
{
  MatouHelperCheck *check = data;

  g_free (check->key);
  g_free (check->asked);
  g_free (check->reported);
  g_free (check);
}

static void
step_result_free (gpointer data)
{
  MatouHelperStepResult *step = data;

  g_free (step->id);
  g_free (step->title);
  g_free (step->state);
  g_free (step);
}

MatouHelperResult *
matou_helper_result_new (MatouHelperResultKind kind)
{
  MatouHelperResult *result = g_new0 (MatouHelperResult, 1);

  result->kind = kind;
  result->checks = g_ptr_array_new_with_free_func (check_free);
  result->steps = g_ptr_array_new_with_free_func (step_result_free);

  return result;
}

void
matou_helper_result_add_check (MatouHelperResult *result,
                               const char        *key,
                               const char        *asked,
                               const char        *reported,
                               gboolean           ok)
{
  MatouHelperCheck *check = g_new0 (MatouHelperCheck, 1);

  check->key = g_strdup (key);
  check->asked = g_strdup (asked);
  check->reported = g_strdup (reported);
  check->ok = ok;
  g_ptr_array_add (result->checks, check);
}

void
matou_helper_result_add_step (MatouHelperResult *result,
                              const char        *id,
                              const char        *title,
                              const char        *state)
{
  MatouHelperStepResult *step = g_new0 (MatouHelperStepResult, 1);

  step->id = g_strdup (id);
  step->title = g_strdup (title);
  step->state = g_strdup (state);
  g_ptr_array_add (result->steps, step);
}

static void
add_info (JsonBuilder           *builder,
          const MatouHelperInfo *info)
{
  json_builder_set_member_name (builder, "info");
  if (info == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  matou_helper_line_add_string (builder, "server-version", info->server_version);
  matou_helper_line_add_string (builder, "api-version", info->api_version);
  matou_json_add_strv (builder, "registry-mirrors", (const char * const *) info->mirrors);
  matou_helper_line_add_string (builder, "http-proxy", info->http_proxy);
  matou_helper_line_add_string (builder, "https-proxy", info->https_proxy);
  matou_helper_line_add_string (builder, "no-proxy", info->no_proxy);
  add_boolean (builder, "live-restore", info->live_restore);
  json_builder_end_object (builder);
}

static void
add_apply_members (JsonBuilder             *builder,
                   const MatouHelperResult *result)
{
  matou_helper_line_add_string (builder, "action", result->action != NULL ? result->action : "none");
  add_boolean (builder, "rolled-back", result->rolled_back);
  matou_helper_line_add_string (builder, "error", result->error);
  matou_helper_line_add_string (builder, "daemon-error", result->daemon_error);
  matou_helper_line_add_string (builder, "engine-version", result->engine_version);
  if (result->proxy_target != NULL)
    matou_helper_line_add_string (builder, "proxy-target", result->proxy_target);
  matou_helper_line_add_string (builder, "backup", result->backup);
  add_info (builder, result->info);

  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->checks->len; i++)
    {
      const MatouHelperCheck *check = g_ptr_array_index (result->checks, i);

      json_builder_begin_object (builder);
      matou_helper_line_add_string (builder, "key", check->key);
      matou_helper_line_add_string (builder, "asked", check->asked);
      matou_helper_line_add_string (builder, "reported", check->reported);
      add_boolean (builder, "ok", check->ok);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_install_members (JsonBuilder             *builder,
                     const MatouHelperResult *result)
{
  matou_helper_line_add_string (builder, "error", result->error);
  matou_helper_line_add_string (builder, "plan", result->plan);
  matou_helper_line_add_string (builder, "mirror", result->mirror);
  matou_helper_line_add_string (builder, "failed-step", result->failed_step);
  matou_helper_line_add_string (builder, "failure", result->failure);
  add_boolean (builder, "cancelled", result->cancelled);
  add_boolean (builder, "rolled-back", result->rolled_back);
  matou_json_add_strv (builder, "removed", (const char * const *) result->removed);
  matou_helper_line_add_string (builder, "engine-version", result->engine_version);

  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->steps->len; i++)
    {
      const MatouHelperStepResult *step = g_ptr_array_index (result->steps, i);

      json_builder_begin_object (builder);
      matou_helper_line_add_string (builder, "id", step->id);
      matou_helper_line_add_string (builder, "title", step->title);
      matou_helper_line_add_string (builder, "state", step->state);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "group");
  if (result->group_user != NULL)
    {
      json_builder_begin_object (builder);
      matou_helper_line_add_string (builder, "user", result->group_user);
      add_boolean (builder, "member", result->group_member);
      add_boolean (builder, "added", result->group_added);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
}

/* The last line of a run. "ok" is derived from the status, so the two cannot disagree. */
char *
matou_helper_result_to_line (const MatouHelperResult *result)
{
  JsonBuilder *builder = matou_helper_line_begin ("result");

  add_boolean (builder, "ok", result->status == MATOU_HELPER_EXIT_OK);
  add_int (builder, "status", result->status);
  if (result->kind == MATOU_HELPER_RESULT_INSTALL)
    add_install_members (builder, result);
  else
    add_apply_members (builder, result);

  return matou_helper_line_end (builder);
}

/* --- reading -------------------------------------------------------------- */

static MatouHelperInfo *
info_from_object (JsonObject *object)
{
  MatouHelperInfo *info;

  if (object == NULL)
    return NULL;

  info = g_new0 (MatouHelperInfo, 1);
  info->server_version = matou_json_dup_string (object, "server-version");
  info->api_version = matou_json_dup_string (object, "api-version");
  info->mirrors = matou_json_dup_strv (object, "registry-mirrors");
  info->http_proxy = matou_json_dup_string (object, "http-proxy");
  info->https_proxy = matou_json_dup_string (object, "https-proxy");
  info->no_proxy = matou_json_dup_string (object, "no-proxy");
  info->live_restore = matou_json_get_bool (object, "live-restore");

  return info;
}

static MatouHelperResult *
result_from_object (JsonObject *object)
{
  MatouHelperResult *result;
  JsonArray *array;
  JsonObject *group;

  /* Only install results list steps. */
  result = matou_helper_result_new (json_object_has_member (object, "steps") ?
                                    MATOU_HELPER_RESULT_INSTALL : MATOU_HELPER_RESULT_APPLY);
  result->ok = matou_json_get_bool (object, "ok");
  result->status = matou_json_get_int (object, "status", result->ok ? MATOU_HELPER_EXIT_OK : MATOU_HELPER_EXIT_REFUSED);
  result->error = matou_json_dup_string (object, "error");
  result->engine_version = matou_json_dup_string (object, "engine-version");
  result->rolled_back = matou_json_get_bool (object, "rolled-back");

  result->action = matou_json_dup_string (object, "action");
  result->daemon_error = matou_json_dup_string (object, "daemon-error");
  result->proxy_target = matou_json_dup_string (object, "proxy-target");
  result->backup = matou_json_dup_string (object, "backup");
  result->info = info_from_object (matou_json_get_object (object, "info"));
  array = matou_json_get_array (object, "checks");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *key = NULL, *asked = NULL, *reported = NULL;
      JsonObject *check;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      check = json_node_get_object (node);
      key = matou_json_dup_string (check, "key");
      asked = matou_json_dup_string (check, "asked");
      reported = matou_json_dup_string (check, "reported");
      matou_helper_result_add_check (result, key != NULL ? key : "", asked, reported, matou_json_get_bool (check, "ok"));
    }

  result->plan = matou_json_dup_string (object, "plan");
  result->mirror = matou_json_dup_string (object, "mirror");
  result->failed_step = matou_json_dup_string (object, "failed-step");
  result->failure = matou_json_dup_string (object, "failure");
  result->cancelled = matou_json_get_bool (object, "cancelled");
  result->removed = matou_json_dup_strv (object, "removed");
  array = matou_json_get_array (object, "steps");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *id = NULL, *title = NULL, *state = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      id = matou_json_dup_string (json_node_get_object (node), "id");
      title = matou_json_dup_string (json_node_get_object (node), "title");
      state = matou_json_dup_string (json_node_get_object (node), "state");
      if (id != NULL)
        matou_helper_result_add_step (result, id, title, state);
    }
  group = matou_json_get_object (object, "group");
  if (group != NULL)
    {
      result->group_user = matou_json_dup_string (group, "user");
      result->group_member = matou_json_get_bool (group, "member");
      result->group_added = matou_json_get_bool (group, "added");
    }

  return result;
}

/**
 * matou_helper_event_parse:
 * @line: one line the helper wrote
 *
 * Reads a line once into its typed form. A line that is not one of the
 * helper's objects fails with MATOU_ERROR_HELPER; the caller shows it as
 * text and acts on nothing in it.
 */
MatouHelperEvent *
matou_helper_event_parse (const char  *line,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MatouHelperEvent) event = g_new0 (MatouHelperEvent, 1);
  g_autofree char *type = NULL;
  JsonObject *object;
  JsonNode *root;

  if (!matou_json_parser_load (parser, line, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto not_ours;

  object = json_node_get_object (root);
  type = matou_json_dup_string (object, "type");
  if (g_strcmp0 (type, "step") == 0)
    {
      event->type = MATOU_HELPER_EVENT_STEP;
      event->text = matou_json_dup_string (object, "text");
      event->id = matou_json_dup_string (object, "id");
      event->state = matou_json_dup_string (object, "state");
      event->index = matou_json_get_int (object, "index", 0);
      event->count = matou_json_get_int (object, "count", 0);
    }
  else if (g_strcmp0 (type, "log") == 0)
    {
      event->type = MATOU_HELPER_EVENT_LOG;
      event->source = matou_json_dup_string (object, "source");
      event->text = matou_json_dup_string (object, "text");
    }
  else if (g_strcmp0 (type, "result") == 0)
    {
      event->type = MATOU_HELPER_EVENT_RESULT;
      event->result = result_from_object (object);
    }
  else
    goto not_ours;

  if (event->text == NULL)
    event->text = g_strdup ("");
  if (event->source == NULL)
    event->source = g_strdup ("");

  return g_steal_pointer (&event);

not_ours:
  g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_HELPER,
                       _("The helper wrote a line that is not one of its messages."));
  return NULL;
}

/**
 * matou_helper_result_new_from_line:
 * @line: the helper's last line, {"type": "result", ...}
 */
MatouHelperResult *
matou_helper_result_new_from_line (const char  *line,
                                   GError     **error)
{
  g_autoptr(MatouHelperEvent) event = matou_helper_event_parse (line, error);

  if (event == NULL)
    return NULL;
  if (event->type != MATOU_HELPER_EVENT_RESULT)
    {
      g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_HELPER,
                           _("The helper’s answer is not a result."));
      return NULL;
    }

  return g_steal_pointer (&event->result);
}

void
matou_helper_info_free (MatouHelperInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->server_version);
  g_free (info->api_version);
  g_strfreev (info->mirrors);
  g_free (info->http_proxy);
  g_free (info->https_proxy);
  g_free (info->no_proxy);
  g_free (info);
}

void
matou_helper_result_free (MatouHelperResult *result)
{
  if (result == NULL)
    return;

  g_free (result->error);
  g_free (result->engine_version);
  g_free (result->action);
  g_free (result->daemon_error);
  g_free (result->proxy_target);
  g_free (result->backup);
  matou_helper_info_free (result->info);
  g_ptr_array_unref (result->checks);
  g_free (result->plan);
  g_free (result->mirror);
  g_free (result->failed_step);
  g_free (result->failure);
  g_strfreev (result->removed);
  g_ptr_array_unref (result->steps);
  g_free (result->group_user);
  g_free (result);
}

void
matou_helper_event_free (MatouHelperEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->text);
  g_free (event->source);
  g_free (event->id);
  g_free (event->state);
  matou_helper_result_free (event->result);
  g_free (event);
}
