/* One result of the troubleshooting checks, and the ways to show a list of them: report text, JSON, exit status. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "matou-doctor-check.h"
#include "matou-log-model.h"

MatouCheck *
matou_check_new (const char       *id,
                 MatouDoctorStage  stage,
                 MatouCheckState   state,
                 const char       *title,
                 const char       *detail,
                 const char       *explanation)
{
  MatouCheck *check = g_new0 (MatouCheck, 1);

  check->id = g_strdup (id);
  check->stage = stage;
  check->state = state;
  check->title = g_strdup (title);
  check->detail = g_strdup (detail != NULL ? detail : "");
  check->explanation = g_strdup (explanation);

  return check;
}

void
matou_fix_clear (MatouFix *fix)
{
  g_clear_pointer (&fix->label, g_free);
  g_clear_pointer (&fix->field, g_free);
  g_clear_pointer (&fix->value, g_free);
  g_clear_pointer (&fix->command, g_free);
  fix->kind = MATOU_FIX_NONE;
}

void
matou_fix_copy_into (MatouFix       *dest,
                     const MatouFix *src)
{
  matou_fix_clear (dest);
  dest->kind = src->kind;
  dest->label = g_strdup (src->label);
  dest->field = g_strdup (src->field);
  dest->value = g_strdup (src->value);
  dest->command = g_strdup (src->command);
}

void
matou_check_free (MatouCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->id);
  g_free (check->title);
  g_free (check->detail);
  g_free (check->explanation);
  matou_fix_clear (&check->fix);
  g_free (check);
}

MatouCheck *
matou_check_copy (const MatouCheck *check)
{
  MatouCheck *copy = matou_check_new (check->id, check->stage, check->state,
                                      check->title, check->detail, check->explanation);

  matou_fix_copy_into (&copy->fix, &check->fix);

  return copy;
}

void
matou_check_set_fix_settings (MatouCheck *check,
                              const char *label,
                              const char *field,
                              const char *value)
{
  matou_fix_clear (&check->fix);
  check->fix.kind = MATOU_FIX_SETTINGS;
  check->fix.label = g_strdup (label);
  check->fix.field = g_strdup (field);
  check->fix.value = g_strdup (value);
}

void
matou_check_set_fix_install (MatouCheck *check,
                             const char *label)
{
  matou_fix_clear (&check->fix);
  check->fix.kind = MATOU_FIX_INSTALL;
  check->fix.label = g_strdup (label);
}

/* The terminal's way to start Docker on this system: systemd or a SysV init script. */
const char *
matou_start_docker_command (void)
{
  return g_file_test ("/run/systemd/system", G_FILE_TEST_IS_DIR) ? "sudo systemctl start docker"
                                                                 : "sudo service docker start";
}

/* Matou starts Docker itself (the helper's service start); the command is for the report and the terminal. */
void
matou_check_set_fix_start_docker (MatouCheck *check,
                                  const char *label)
{
  matou_fix_clear (&check->fix);
  check->fix.kind = MATOU_FIX_START_DOCKER;
  check->fix.label = g_strdup (label);
  check->fix.command = g_strdup (matou_start_docker_command ());
}

void
matou_check_set_fix_command (MatouCheck *check,
                             const char *label,
                             const char *command)
{
  matou_fix_clear (&check->fix);
  check->fix.kind = MATOU_FIX_COMMAND;
  check->fix.label = g_strdup (label);
  check->fix.command = g_strdup (command);
}

/* Matou pulls it through the Engine API (the checks run again with the
 * pull through the mirror); the command does the same in a terminal. */
void
matou_check_set_fix_pull_through (MatouCheck *check,
                                  const char *label,
                                  const char *command)
{
  matou_check_set_fix_command (check, label, command);
  check->fix.kind = MATOU_FIX_PULL_THROUGH;
}

const char *
matou_check_state_to_string (MatouCheckState state)
{
  switch (state)
    {
    case MATOU_CHECK_OK: return "ok";
    case MATOU_CHECK_WARNING: return "warning";
    case MATOU_CHECK_FAILED: return "failed";
    case MATOU_CHECK_SKIPPED: return "skipped";
    default: g_return_val_if_reached ("failed");
    }
}

const char *
matou_check_state_get_label (MatouCheckState state)
{
  switch (state)
    {
    case MATOU_CHECK_OK: return _("OK");
    case MATOU_CHECK_WARNING: return _("Warning");
    case MATOU_CHECK_FAILED: return _("Failed");
    case MATOU_CHECK_SKIPPED: return _("Skipped");
    default: g_return_val_if_reached ("");
    }
}

const char *
matou_doctor_stage_to_string (MatouDoctorStage stage)
{
  switch (stage)
    {
    case MATOU_STAGE_DOCKER: return "docker";
    case MATOU_STAGE_CONFIG: return "config";
    case MATOU_STAGE_DNS: return "dns";
    case MATOU_STAGE_REACH: return "reach";
    case MATOU_STAGE_REGISTRY: return "registry";
    case MATOU_STAGE_PULL: return "pull";
    case MATOU_STAGE_IMAGES: return "images";
    case MATOU_N_STAGES:
    default: g_return_val_if_reached ("");
    }
}

const char *
matou_doctor_stage_get_title (MatouDoctorStage stage)
{
  switch (stage)
    {
    case MATOU_STAGE_DOCKER: return _("Docker itself");
    case MATOU_STAGE_CONFIG: return _("Where the configuration comes from");
    case MATOU_STAGE_DNS: return _("Name resolution");
    case MATOU_STAGE_REACH: return _("Reachability");
    case MATOU_STAGE_REGISTRY: return _("Registry handshake");
    case MATOU_STAGE_PULL: return _("Test pull");
    case MATOU_STAGE_IMAGES: return _("Images outside Docker Hub");
    case MATOU_N_STAGES:
    default: g_return_val_if_reached ("");
    }
}

const char *
matou_fix_kind_to_string (MatouFixKind kind)
{
  switch (kind)
    {
    case MATOU_FIX_NONE: return "none";
    case MATOU_FIX_SETTINGS: return "settings";
    case MATOU_FIX_INSTALL: return "install";
    case MATOU_FIX_COMMAND: return "command";
    case MATOU_FIX_START_DOCKER: return "start-docker";
    case MATOU_FIX_PULL_THROUGH: return "pull-through";
    default: g_return_val_if_reached ("none");
    }
}

int
matou_checks_exit_status (GPtrArray *checks)
{
  int status = 0;

  for (guint i = 0; i < checks->len; i++)
    {
      const MatouCheck *check = g_ptr_array_index (checks, i);

      if (check->state == MATOU_CHECK_FAILED)
        return 2;
      if (check->state == MATOU_CHECK_WARNING)
        status = 1;
    }

  return status;
}

/* Passwords masked, and the home folder as "~" so that a report names no user. */
static char *
clean_text (const char *text,
            const char *home)
{
  g_autofree char *masked = matou_mask_credentials_in_text (text != NULL ? text : "");
  g_auto(GStrv) parts = NULL;

  if (home == NULL || *home == '\0' || g_str_equal (home, "/"))
    return g_steal_pointer (&masked);

  parts = g_strsplit (masked, home, -1);
  return g_strjoinv ("~", parts);
}

char *
matou_checks_to_report (GPtrArray  *checks,
                        const char *home)
{
  g_autoptr(GString) report = g_string_new (NULL);
  int stage = -1;

  if (home == NULL)
    home = g_get_home_dir ();

  g_string_append_printf (report, _("Matou %s troubleshooting report"), PACKAGE_VERSION);
  g_string_append_c (report, '\n');

  for (guint i = 0; i < checks->len; i++)
    {
      const MatouCheck *check = g_ptr_array_index (checks, i);
      g_autofree char *detail = clean_text (check->detail, home);

      if ((int) check->stage != stage)
        {
          stage = check->stage;
          g_string_append_printf (report, "\n== %s ==\n", matou_doctor_stage_get_title (check->stage));
        }
      g_string_append_printf (report, "[%s] %s (%s)\n",
                              matou_check_state_get_label (check->state), check->title, check->id);
      if (*detail != '\0')
        {
          g_auto(GStrv) lines = g_strsplit (detail, "\n", -1);
          for (guint j = 0; lines[j] != NULL; j++)
            g_string_append_printf (report, "    %s\n", lines[j]);
        }
      if (check->explanation != NULL && check->state != MATOU_CHECK_OK)
        {
          g_autofree char *explanation = clean_text (check->explanation, home);
          g_string_append_printf (report, "    %s\n", explanation);
        }
      if (check->fix.command != NULL)
        {
          g_autofree char *command = clean_text (check->fix.command, home);
          g_string_append_printf (report, "    %s: %s\n", check->fix.label, command);
        }
      else if (check->fix.kind == MATOU_FIX_SETTINGS && check->fix.value != NULL)
        {
          g_autofree char *value = clean_text (check->fix.value, home);
          g_string_append_printf (report, "    %s: %s\n", check->fix.label, value);
        }
      else if (check->fix.kind != MATOU_FIX_NONE)
        g_string_append_printf (report, "    %s\n", check->fix.label);
    }

  return g_string_free (g_steal_pointer (&report), FALSE);
}

char *
matou_checks_to_json (GPtrArray *checks)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < checks->len; i++)
    {
      const MatouCheck *check = g_ptr_array_index (checks, i);
      g_autofree char *detail = matou_mask_credentials_in_text (check->detail);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, check->id);
      json_builder_set_member_name (builder, "stage");
      json_builder_add_string_value (builder, matou_doctor_stage_to_string (check->stage));
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, matou_check_state_to_string (check->state));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, check->title);
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, detail);
      json_builder_set_member_name (builder, "fix");
      if (check->fix.kind == MATOU_FIX_NONE)
        json_builder_add_null_value (builder);
      else
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, matou_fix_kind_to_string (check->fix.kind));
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, check->fix.label);
          if (check->fix.field != NULL)
            {
              json_builder_set_member_name (builder, "field");
              json_builder_add_string_value (builder, check->fix.field);
            }
          if (check->fix.value != NULL)
            {
              g_autofree char *value = matou_mask_credentials_in_text (check->fix.value);
              json_builder_set_member_name (builder, "value");
              json_builder_add_string_value (builder, value);
            }
          if (check->fix.command != NULL)
            {
              json_builder_set_member_name (builder, "command");
              json_builder_add_string_value (builder, check->fix.command);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}
