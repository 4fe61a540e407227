/* The doctor's test pull: a real pull through the Engine API, streamed, and the image removed again if it was not there. */
#include "config.h"

#include <gio/gunixsocketaddress.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "matou-daemon-log.h"
#include "matou-doctor-private.h"
#include "matou-json.h"

/* The Engine sends progress often; a pull that says nothing this long is stuck. */
#define PULL_IDLE_TIMEOUT_SECONDS 120

static SoupSession *
engine_session (const char *socket_path)
{
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (socket_path);

  return g_object_new (SOUP_TYPE_SESSION,
                       "remote-connectable", address,
                       "timeout", PULL_IDLE_TIMEOUT_SECONDS,
                       "user-agent", "Matou/" PACKAGE_VERSION,
                       NULL);
}

static guint
engine_call (SoupSession  *session,
             const char   *method,
             const char   *path,
             GCancellable *cancellable,
             char        **message_out)
{
  g_autofree char *url = g_strconcat ("http://docker", path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (message == NULL)
    return 0;
  body = soup_session_send_and_read (session, message, cancellable, &error);
  if (body == NULL)
    {
      if (message_out != NULL)
        *message_out = g_strdup (error->message);
      return 0;
    }
  if (message_out != NULL && soup_message_get_status (message) >= 300)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize size;
      const char *data = g_bytes_get_data (body, &size);

      if (data != NULL && json_parser_load_from_data (parser, data, size, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        *message_out = matou_json_dup_string (json_node_get_object (json_parser_get_root (parser)), "message");
    }

  return soup_message_get_status (message);
}

/* One line of /images/create as a person reads it: "a1b2c3: Downloading 1.2 MB/3.4 MB". */
static char *
progress_line (JsonObject *object)
{
  g_autofree char *id = matou_json_dup_string (object, "id");
  g_autofree char *status = matou_json_dup_string (object, "status");
  JsonObject *detail = json_object_has_member (object, "progressDetail") &&
                       JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "progressDetail"))
                       ? json_object_get_object_member (object, "progressDetail") : NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  if (id != NULL)
    g_string_append_printf (line, "%s: ", id);
  g_string_append (line, status != NULL ? status : "");
  if (detail != NULL && json_object_has_member (detail, "total"))
    {
      g_autofree char *current = g_format_size (MAX (matou_json_get_int (detail, "current", 0), 0));
      g_autofree char *total = g_format_size (MAX (matou_json_get_int (detail, "total", 0), 0));
      g_string_append_printf (line, " %s/%s", current, total);
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* Streams the pull; returns the daemon's error, or NULL when the image came. */
static char *
pull (MatouDoctorRun *run,
      SoupSession    *session,
      const char     *from_image,
      const char     *tag,
      char          **digest)
{
  g_autofree char *from_escaped = g_uri_escape_string (from_image, NULL, FALSE);
  g_autofree char *tag_escaped = g_uri_escape_string (tag, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("http://docker/images/create?fromImage=%s&tag=%s", from_escaped, tag_escaped);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *failure = NULL;
  guint status;

  stream = soup_session_send (session, message, run->cancellable, &error);
  if (stream == NULL)
    return g_strdup (error->message);
  status = soup_message_get_status (message);
  lines = g_data_input_stream_new (stream);

  for (;;)
    {
      g_autofree char *text = g_data_input_stream_read_line_utf8 (lines, NULL, run->cancellable, &error);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;

      if (text == NULL)
        break;
      if (!json_parser_load_from_data (parser, text, -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      object = json_node_get_object (json_parser_get_root (parser));
      if (json_object_has_member (object, "error") || json_object_has_member (object, "message"))
        {
          char *value = matou_json_dup_string (object, "error");

          if (value == NULL)
            value = matou_json_dup_string (object, "message");
          if (value == NULL)
            value = g_strdup ("");
          g_free (failure);
          failure = value;
          matou_doctor_run_pull_line (run, value);
          continue;
        }
      else
        {
          g_autofree char *line = progress_line (object);
          g_autofree char *status_text = matou_json_dup_string (object, "status");

          if (status_text != NULL && g_str_has_prefix (status_text, "Digest: ") && digest != NULL)
            {
              g_free (*digest);
              *digest = g_strdup (status_text + strlen ("Digest: "));
            }
          matou_doctor_run_pull_line (run, line);
        }
    }

  if (error != NULL && failure == NULL)
    return g_strdup (error->message);
  if (failure == NULL && status != 200)
    return g_strdup_printf (_("The daemon answered %u"), status);

  return g_steal_pointer (&failure);
}

gboolean
matou_doctor_prefixed_source (MatouDoctorRun  *run,
                              const char      *registry,
                              const char      *repository,
                              char           **source_repository,
                              char           **mirror_name,
                              char           **mirror_note)
{
  g_autoptr(GPtrArray) prefixes = NULL;
  const MatouPrefixMirror *mirror;

  if (g_str_equal (registry, "docker.io"))
    return FALSE;
  /* A test names its own registry on loopback as the prefix. */
  if (run->options.prefix_mirror != NULL)
    {
      *source_repository = g_strdup_printf ("%s/%s/%s", run->options.prefix_mirror, registry, repository);
      *mirror_name = g_strdup (run->options.prefix_mirror);
      *mirror_note = g_strdup (_("A prefix mirror named for this run."));
      return TRUE;
    }
  if (run->knowledge == NULL)
    return FALSE;
  prefixes = matou_doctor_prefix_mirrors_for (run->knowledge, registry);
  if (prefixes->len == 0)
    return FALSE;
  mirror = g_ptr_array_index (prefixes, 0);
  *source_repository = g_strdup_printf ("%s/%s/%s", mirror->prefix, registry, repository);
  *mirror_name = g_strdup (mirror->name);
  *mirror_note = g_strdup (mirror->note);
  return TRUE;
}

/* Gives the pulled @source the name the user asked for, then takes the
 * prefixed name away (the image stays under its own name). NULL, or the
 * daemon's reason. */
static char *
tag_back (MatouDoctorRun *run,
          SoupSession    *session,
          const char     *source,
          const char     *repository,
          const char     *tag)
{
  g_autofree char *source_escaped = g_uri_escape_string (source, "/:", FALSE);
  g_autofree char *repository_escaped = g_uri_escape_string (repository, NULL, FALSE);
  g_autofree char *tag_escaped = g_uri_escape_string (tag, NULL, FALSE);
  g_autofree char *tag_path = g_strdup_printf ("/images/%s/tag?repo=%s&tag=%s", source_escaped, repository_escaped, tag_escaped);
  g_autofree char *delete_path = g_strdup_printf ("/images/%s?noprune=1", source_escaped);
  g_autofree char *failure = NULL;
  guint status;

  status = engine_call (session, "POST", tag_path, run->cancellable, &failure);
  if (status != 201 && status != 200)
    return failure != NULL ? g_steal_pointer (&failure) : g_strdup_printf (_("The daemon answered %u"), status);
  status = engine_call (session, "DELETE", delete_path, run->cancellable, &failure);
  if (status != 200)
    return failure != NULL ? g_steal_pointer (&failure) : g_strdup_printf (_("The daemon answered %u"), status);

  return NULL;
}

/* The pull stage for an image of another registry, asked to go through a prefix mirror. */
static void
pull_through (MatouDoctorRun *run,
              SoupSession    *session,
              const char     *registry,
              const char     *repository,
              const char     *from_image,
              const char     *tag)
{
  g_autofree char *source_repository = NULL, *mirror_name = NULL, *mirror_note = NULL;
  g_autofree char *source = NULL;
  g_autofree char *failure = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *detail = NULL;
  gint64 started = g_get_monotonic_time ();

  if (!matou_doctor_prefixed_source (run, registry, repository, &source_repository, &mirror_name, &mirror_note))
    {
      detail = g_strdup_printf (_("No prefix mirror Matou knows serves %s: pull %s:%s from %s itself, through the daemon’s proxy if it needs one."),
                                registry, from_image, tag, registry);
      matou_doctor_run_add (run, matou_check_new ("pull.test", MATOU_STAGE_PULL, MATOU_CHECK_FAILED,
                                                  _("No prefix mirror for this registry"), detail, NULL));
      return;
    }

  source = g_strdup_printf ("%s:%s", source_repository, tag);
  failure = pull (run, session, source_repository, tag, &digest);
  if (failure == NULL)
    failure = tag_back (run, session, source, from_image, tag);
  if (failure != NULL)
    {
      detail = g_strdup_printf (_("Pulling %s through %s failed: %s"), source, mirror_name, failure);
      matou_doctor_run_add (run, matou_check_new ("pull.test", MATOU_STAGE_PULL, MATOU_CHECK_FAILED,
                                                  _("The pull through the prefix mirror fails"), detail,
                                                  _("Prefix mirrors serve only some images and may stop working. Pull the image from its own registry instead, through the daemon’s proxy where that registry is blocked.")));
      return;
    }

  run->pulled_through = TRUE;
  detail = g_strdup_printf (_("Pulled %s in %.1f s%s%s, and tagged it as %s:%s. The image stays; its prefixed name was removed."),
                            source, (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC,
                            digest != NULL ? ", " : "", digest != NULL ? digest : "", from_image, tag);
  matou_doctor_run_add (run, matou_check_new ("pull.test", MATOU_STAGE_PULL, MATOU_CHECK_OK,
                                              _("Pulled through the prefix mirror"), detail, NULL));
}

static char *
mirrors_summary (MatouDoctorRun *run)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  if (run->mirrors == NULL || run->mirrors[0] == NULL)
    return g_strdup (_("No registry mirror is configured: the daemon pulls from Docker Hub."));

  for (guint i = 1; i < run->targets->len; i++)
    {
      MatouDoctorTarget *target = g_ptr_array_index (run->targets, i);

      if (target->works)
        g_string_append_printf (summary, _("Registry mirror %s: works\n"), target->url);
      else
        g_string_append_printf (summary, _("Registry mirror %s: %s\n"), target->url,
                                target->problem != NULL ? target->problem : _("not checked"));
    }
  if (summary->len > 0)
    g_string_truncate (summary, summary->len - 1);

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

/* A registry URL as people write it: no "/" at its end. */
static char *
bare_url (const char *url)
{
  char *bare = g_strdup (url);
  gsize length = strlen (bare);

  while (length > 0 && bare[length - 1] == '/')
    bare[--length] = '\0';

  return bare;
}

#define TRYING          "Trying to pull "
#define NEXT_ENDPOINT   "Attempting next endpoint for pull after error: "
#define DOCKER_HUB_URL  "https://registry-1.docker.io"

/* Which registry served the pull of @repository, and which failed first, as
 * the daemon's log since @mark tells. dockerd tries the mirrors in their
 * order, then Docker Hub; it names each endpoint only at debug level
 * ("Trying to pull NAME from URL v2"), but every one that fails gets an info
 * line ("Attempting next endpoint for pull after error: …"), so the count of
 * those tells which one served it. NULL when no mirror is configured: then
 * the image came from Docker Hub, and there is nothing to tell. */
static char *
pull_route (MatouDoctorRun           *run,
            const MatouDaemonLogMark *mark,
            const char               *repository,
            gboolean                  pulled)
{
  const char *familiar = g_str_has_prefix (repository, "library/") ? repository + strlen ("library/") : repository;
  g_autofree char *trying = g_strdup_printf (TRYING "%s from ", familiar);
  g_autoptr(GString) route = g_string_new (NULL);
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *served = NULL;
  guint n_mirrors;

  n_mirrors = run->mirrors != NULL ? g_strv_length (run->mirrors) : 0;
  if (n_mirrors == 0)
    return NULL;

  lines = matou_daemon_log_lines_since (mark, run->cancellable, &error);
  if (lines == NULL)
    return g_strdup_printf (pulled ? _("Which registry mirror served it is written only in the daemon’s log. %s")
                                   : _("What each registry mirror answered is written only in the daemon’s log. %s"),
                            error->message);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *message = matou_daemon_log_message (lines[i]);

      if (message == NULL)
        continue;
      if (g_str_has_prefix (message, trying))
        {
          const char *url = message + strlen (trying);

          g_free (served);
          served = g_strndup (url, strcspn (url, " "));
        }
      else if (g_str_has_prefix (message, NEXT_ENDPOINT))
        {
          g_ptr_array_add (failures, g_strdup (message + strlen (NEXT_ENDPOINT)));
          g_clear_pointer (&served, g_free);
        }
    }

  if (pulled)
    {
      g_autofree char *url = NULL;
      gboolean named = served != NULL;

      /* Without the debug line, the first endpoint that did not fail served it. */
      if (named)
        url = bare_url (served);
      else if (failures->len < n_mirrors)
        url = bare_url (run->mirrors[failures->len]);
      else
        url = g_strdup (DOCKER_HUB_URL);

      if (g_str_equal (url, DOCKER_HUB_URL))
        g_string_append (route, named ? _("Served by Docker Hub itself, not by a registry mirror (the daemon’s log says so).")
                                      : _("Served by Docker Hub itself, not by a registry mirror: the daemon’s log shows that every mirror failed."));
      else if (named)
        g_string_append_printf (route, _("Served by the registry mirror %s (the daemon’s log says so)."), url);
      else if (failures->len == 0)
        g_string_append_printf (route, _("Served by the registry mirror %s: the daemon’s log shows no failed mirror before it."), url);
      else
        g_string_append_printf (route, _("Served by the registry mirror %s: the daemon’s log shows that the mirrors before it failed."), url);
    }

  for (guint i = 0; i < failures->len; i++)
    {
      if (route->len > 0)
        g_string_append_c (route, '\n');
      g_string_append_printf (route, pulled ? _("Failed first, in the daemon’s log: %s") : _("Failed, in the daemon’s log: %s"),
                              (const char *) g_ptr_array_index (failures, i));
    }

  return route->len > 0 ? g_string_free (g_steal_pointer (&route), FALSE) : NULL;
}

void
matou_doctor_stage_pull (MatouDoctorRun *run)
{
  g_autoptr(SoupSession) session = engine_session (run->socket_path);
  g_autofree char *registry = NULL, *repository = NULL, *tag = NULL;
  g_autofree char *from_image = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *failure = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *mirrors = NULL;
  g_autofree char *route = NULL;
  g_auto(MatouDaemonLogMark) mark = { 0 };
  gboolean existed;
  gint64 started;
  MatouCheck *check;

  if (!matou_image_reference_parse (run->options.pull_image, &registry, &repository, &tag) ||
      g_str_has_prefix (tag, "@"))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not an image name with a tag that docker accepts."), run->options.pull_image);
      matou_doctor_run_add (run, matou_check_new ("pull.test", MATOU_STAGE_PULL, MATOU_CHECK_FAILED,
                                                  _("The test pull did not start"), text, NULL));
      return;
    }

  from_image = g_str_equal (registry, "docker.io") ? g_strdup (repository) : g_strdup_printf ("%s/%s", registry, repository);
  if (run->options.pull_through && !g_str_equal (registry, "docker.io"))
    {
      pull_through (run, session, registry, repository, from_image, tag);
      return;
    }
  reference = g_strdup_printf ("%s:%s", from_image, tag);
  escaped = g_uri_escape_string (reference, "/:", FALSE);
  path = g_strdup_printf ("/images/%s/json", escaped);
  existed = engine_call (session, "GET", path, run->cancellable, NULL) == 200;

  matou_daemon_log_mark_take (&mark);
  started = g_get_monotonic_time ();
  failure = pull (run, session, from_image, tag, &digest);
  mirrors = mirrors_summary (run);
  if (g_str_equal (registry, "docker.io"))
    route = pull_route (run, &mark, repository, failure == NULL);
  if (route != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", mirrors, route);
      g_free (mirrors);
      mirrors = g_steal_pointer (&both);
    }

  if (failure == NULL)
    {
      double seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
      g_autofree char *detail = g_strdup_printf (_("Pulled %s in %.1f s%s%s.\n%s"), reference, seconds,
                                                 digest != NULL ? ", " : "", digest != NULL ? digest : "", mirrors);
      g_autofree char *remove_error = NULL;

      if (!existed)
        {
          g_autofree char *delete_path = g_strdup_printf ("/images/%s", escaped);
          guint status = engine_call (session, "DELETE", delete_path, run->cancellable, &remove_error);

          if (status == 200)
            {
              g_autofree char *more = g_strdup_printf (_("%s\nThe image was not here before: removed again."), detail);
              g_free (detail);
              detail = g_steal_pointer (&more);
            }
          else
            {
              g_autofree char *more = g_strdup_printf (_("%s\nRemoving it again failed: %s"), detail,
                                                       remove_error != NULL ? remove_error : "");
              g_free (detail);
              detail = g_steal_pointer (&more);
            }
        }
      matou_doctor_run_add (run, matou_check_new ("pull.test", MATOU_STAGE_PULL, MATOU_CHECK_OK,
                                                  _("The test pull works"), detail, NULL));
      return;
    }

  {
    const MatouExplainRule *rule = run->knowledge != NULL ? matou_doctor_explain (run->knowledge, failure) : NULL;
    g_autofree char *detail = g_strdup_printf (_("Pulling %s failed: %s\n%s"), reference, failure, mirrors);

    check = matou_doctor_run_add (run, matou_check_new ("pull.test", MATOU_STAGE_PULL, MATOU_CHECK_FAILED,
                                                        rule != NULL ? rule->title : _("The test pull fails"), detail,
                                                        rule != NULL ? rule->explanation : _("The daemon’s message is not one Matou knows. The checks above show which part of the way to the registry fails.")));
    if (rule != NULL)
      matou_fix_copy_into (&check->fix, &rule->fix);
  }
}
