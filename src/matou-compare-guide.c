/* The decision guide: a few questions about the user's case, and the ranked options with their reasons. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-advisor.h"
#include "matou-compare-guide.h"
#include "matou-compare-private.h"
#include "matou-compare-question.h"

struct _MatouCompareGuide
{
  AdwBin               parent_instance;

  MatouCompareContent *content;
  /* "guide.<question>": the answer's id, "" while unanswered; "guide.reset". */
  GSimpleActionGroup  *actions;
  GHashTable          *answers;          /* question id → answer id, answered ones only */
  gboolean             docker_ready;     /* a Docker daemon answers on this machine */

  AdwPreferencesGroup *questions_group;
  GtkBox              *result_box;
};

G_DEFINE_FINAL_TYPE (MatouCompareGuide, matou_compare_guide, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCKER_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_weight (int weight)
{
  /* A real minus sign, as typeset numbers have. */
  if (weight == 0)
    return g_strdup ("0");

  return weight < 0 ? g_strdup_printf ("−%d", -weight) : g_strdup_printf ("+%d", weight);
}

static char *
format_total (int score)
{
  g_autofree char *number = format_weight (score);

  /* TRANSLATORS: an option's total of points from the user's answers, such as “Total: +7” */
  return g_strdup_printf (_("Total: %s"), number);
}

static char *
because_text (MatouCompareGuide      *self,
              const MatouAdvisorRule *rule)
{
  const MatouAdvisorAnswer *answer = matou_advisor_find_answer (matou_advisor_find_question (rule->question), rule->answer);
  const MatouCompareCriterion *criterion = matou_compare_content_find_criterion (self->content, rule->criterion);

  /* TRANSLATORS: under a reason of the recommendation: the user's answer, then the comparison criterion it is about */
  return g_strdup_printf (_("Your answer: %s · %s"), _(answer->label),
                          criterion != NULL ? criterion->name : rule->criterion);
}

static GtkWidget *
reason_row_new (MatouCompareGuide      *self,
                const MatouAdvisorRule *rule)
{
  g_autofree char *weight = format_weight (rule->weight);
  g_autofree char *because = because_text (self, rule);
  GtkWidget *row;
  GtkWidget *weight_label;

  if (rule->weight > 0)
    row = matou_compare_text_row_new (_(rule->reason), "emblem-ok-symbolic", "compare-for", _("For"));
  else
    row = matou_compare_text_row_new (_(rule->reason), "dialog-warning-symbolic", "compare-against", _("Against"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), because);

  weight_label = gtk_label_new (weight);
  gtk_widget_add_css_class (weight_label, "compare-weight");
  gtk_widget_add_css_class (weight_label, rule->weight > 0 ? "compare-for" : "compare-against");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), weight_label);

  return row;
}

/* The article a Docker that already runs leads to: the PyTorch image, GPUs and image size. */
#define READY_ARTICLE "deep-learning"

/* The next step fits what is true here: Docker's is the Install page, or the
 * deep-learning article once a Docker daemon answers; the others' is their
 * "How to start". */
static gboolean
next_is_article (MatouCompareGuide        *self,
                 const MatouCompareOption *option)
{
  return option->page != NULL && g_str_equal (option->page, "install") && self->docker_ready &&
         matou_compare_content_find_article (self->content, READY_ARTICLE) != NULL;
}

static void
set_next_step (MatouCompareGuide        *self,
               GtkActionable            *actionable,
               const MatouCompareOption *option)
{
  if (next_is_article (self, option))
    {
      gtk_actionable_set_action_name (actionable, "compare.show-article");
      gtk_actionable_set_action_target_value (actionable, g_variant_new_string (READY_ARTICLE));
    }
  else if (option->page != NULL)
    {
      gtk_actionable_set_action_name (actionable, "win.show-page");
      gtk_actionable_set_action_target_value (actionable, g_variant_new_string (option->page));
    }
  else
    {
      gtk_actionable_set_action_name (actionable, "compare.show-start");
      gtk_actionable_set_action_target_value (actionable, g_variant_new_string (option->id));
    }
}

static char *
next_step_label (MatouCompareGuide        *self,
                 const MatouCompareOption *option)
{
  if (next_is_article (self, option))
    /* TRANSLATORS: a button under the recommendation when Docker is installed and running */
    return g_strdup (_("Docker Is Running: Try the PyTorch Image"));
  if (option->page != NULL)
    return g_strdup (matou_compare_page_button_label (option->page));

  /* TRANSLATORS: a button under the recommendation; %s is an option such as PyInstaller */
  return g_strdup_printf (_("How to Start with %s"), option->name);
}

static GtkWidget *
placeholder_new (const char *title,
                 const char *subtitle)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = matou_compare_text_row_new (title, "dialog-information-symbolic", NULL, NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Recommendation"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return group;
}

static GtkWidget *
best_new (MatouCompareGuide         *self,
          const MatouAdvisorRanking *best,
          const MatouAdvisorRanking *second)
{
  const MatouCompareOption *option = matou_compare_content_find_option (self->content, best->option);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *reasons = gtk_list_box_new ();
  g_autofree char *title_text = g_strdup_printf (_("Recommended: %s"), option->name);
  g_autofree char *total_text = format_total (best->score);
  g_autofree char *button_text = next_step_label (self, option);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *total = gtk_label_new (total_text);
  GtkWidget *title = g_object_new (GTK_TYPE_LABEL,
                                   "label", title_text,
                                   "xalign", 0.0f,
                                   "wrap", TRUE,
                                   NULL);
  GtkWidget *summary = gtk_label_new (option->summary);
  GtkWidget *button = gtk_button_new_with_label (button_text);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Recommendation"));
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "compare-best");

  gtk_widget_add_css_class (title, "title-2");
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (total, "compare-weight");
  gtk_widget_set_valign (total, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (heading), title);
  gtk_box_append (GTK_BOX (heading), total);
  gtk_box_append (GTK_BOX (card), heading);

  if (second != NULL && second->excluded_by == NULL && second->score == best->score)
    {
      const MatouCompareOption *tied = matou_compare_content_find_option (self->content, second->option);
      /* TRANSLATORS: %s is an option that scores as high as the recommended one */
      g_autofree char *text = g_strdup_printf (_("%s fits just as well: see its reasons below."), tied->name);
      GtkWidget *tie = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (tie), TRUE);
      gtk_label_set_xalign (GTK_LABEL (tie), 0);
      gtk_widget_add_css_class (tie, "accent");
      gtk_box_append (GTK_BOX (card), tie);
    }

  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_box_append (GTK_BOX (card), summary);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (reasons), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (reasons, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (reasons), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Why"), -1);
  for (guint i = 0; i < best->reasons->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (reasons), reason_row_new (self, g_ptr_array_index (best->reasons, i)));
  gtk_box_append (GTK_BOX (card), reasons);

  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  set_next_step (self, GTK_ACTIONABLE (button), option);
  gtk_box_append (GTK_BOX (card), button);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);

  return group;
}

static GtkWidget *
ranked_row_new (MatouCompareGuide         *self,
                const MatouAdvisorRanking *ranking,
                guint                      position)
{
  const MatouCompareOption *option = matou_compare_content_find_option (self->content, ranking->option);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *score_label;
  GtkWidget *next_row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *score = format_weight (ranking->score);
  g_autofree char *next_text = next_step_label (self, option);
  guint n_for = 0, n_against = 0;

  for (guint i = 0; i < ranking->reasons->len; i++)
    {
      const MatouAdvisorRule *rule = g_ptr_array_index (ranking->reasons, i);

      if (rule->weight > 0)
        n_for++;
      else
        n_against++;
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), reason_row_new (self, rule));
    }

  /* TRANSLATORS: a place in the ranking, then an option: "2. Briefcase" */
  title = g_strdup_printf (_("%u. %s"), position, option->name);
  if (ranking->reasons->len > 0)
    /* TRANSLATORS: how many of the user's answers speak for and against an option */
    subtitle = g_strdup_printf (_("%u for, %u against"), n_for, n_against);
  else
    subtitle = g_strdup (_("Your answers say nothing about it"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  /* The expander row names only its header inside it: the row itself, the
   * list item a screen reader lands on, is named here. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);

  score_label = gtk_label_new (score);
  gtk_widget_add_css_class (score_label, "compare-weight");
  {
    g_autofree char *total = format_total (ranking->score);

    gtk_widget_set_tooltip_text (score_label, total);
    gtk_accessible_update_property (GTK_ACCESSIBLE (score_label), GTK_ACCESSIBLE_PROPERTY_LABEL, total, -1);
  }
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), score_label);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (next_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (next_row), next_text);
  adw_action_row_add_suffix (ADW_ACTION_ROW (next_row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (next_row), TRUE);
  set_next_step (self, GTK_ACTIONABLE (next_row), option);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), next_row);

  return row;
}

/* What the answers rule out: out of the ranking, folded away, each with the answer that rules it out. */
static GtkWidget *
excluded_new (MatouCompareGuide *self,
              GPtrArray         *ranking,
              guint              first)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *expander = adw_expander_row_new ();
  guint n = ranking->len - first;
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%u option your answers rule out",
                                                         "%u options your answers rule out", n), n);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Not for Your Case"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Not for Your Case"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  for (guint i = first; i < ranking->len; i++)
    {
      const MatouAdvisorRanking *entry = g_ptr_array_index (ranking, i);
      const MatouCompareOption *option = matou_compare_content_find_option (self->content, entry->option);
      g_autofree char *because = because_text (self, entry->excluded_by);
      g_autofree char *text = g_strdup_printf ("%s\n%s", _(entry->excluded_by->reason), because);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), option->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      gtk_widget_set_focusable (row, FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), g_object_new (GTK_TYPE_IMAGE,
                                                                      "icon-name", "action-unavailable-symbolic",
                                                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                                                      NULL));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);

  return group;
}

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* The one place that turns the answers into what the user sees. */
static void
update (MatouCompareGuide *self)
{
  g_autoptr(GPtrArray) ranking = NULL;
  const MatouAdvisorRanking *best;
  GtkWidget *others;
  guint n_ranked = 0;
  GAction *reset = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "reset");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (reset), g_hash_table_size (self->answers) > 0);

  remove_children (self->result_box);
  if (self->content == NULL)
    return;

  if (g_hash_table_size (self->answers) == 0)
    {
      gtk_box_append (self->result_box,
                      placeholder_new (_("Answer a question to get a recommendation"),
                                       _("Every answer ranks the options again, and says why.")));
      return;
    }

  ranking = matou_advisor_rank (self->answers);
  best = g_ptr_array_index (ranking, 0);
  if (best->score > 0)
    gtk_box_append (self->result_box, best_new (self, best, g_ptr_array_index (ranking, 1)));
  else
    gtk_box_append (self->result_box,
                    placeholder_new (_("No option stands out yet"),
                                     _("Your answers so far speak for no option more than for another. Answer more questions.")));

  while (n_ranked < ranking->len &&
         ((const MatouAdvisorRanking *) g_ptr_array_index (ranking, n_ranked))->excluded_by == NULL)
    n_ranked++;

  others = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (others),
                                   best->score > 0 ? _("Other Options, Best First") : _("All Options, Best First"));
  /* The weights, said once for every reason below. */
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (others),
                                         _("Each answer gives an option points, from +4 (what the option is made for) to −3 (a strong reason against it). The number after each option is its total."));
  for (guint i = best->score > 0 ? 1 : 0; i < n_ranked; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (others),
                               ranked_row_new (self, g_ptr_array_index (ranking, i), i + 1));
  gtk_box_append (self->result_box, others);

  if (n_ranked < ranking->len)
    gtk_box_append (self->result_box, excluded_new (self, ranking, n_ranked));
}

static void
answer_change_state (GSimpleAction *action,
                     GVariant      *value,
                     gpointer       user_data)
{
  MatouCompareGuide *self = MATOU_COMPARE_GUIDE (user_data);
  const char *question = g_action_get_name (G_ACTION (action));
  const char *answer = g_variant_get_string (value, NULL);

  if (*answer != '\0' && matou_advisor_find_answer (matou_advisor_find_question (question), answer) == NULL)
    return;

  g_simple_action_set_state (action, value);
  if (*answer == '\0')
    g_hash_table_remove (self->answers, question);
  else
    g_hash_table_insert (self->answers, g_strdup (question), g_strdup (answer));
  update (self);
}

static void
reset_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  MatouCompareGuide *self = MATOU_COMPARE_GUIDE (user_data);
  guint n_questions;
  const MatouAdvisorQuestion *questions = matou_advisor_get_questions (&n_questions);

  for (guint i = 0; i < n_questions; i++)
    {
      GAction *answer = g_action_map_lookup_action (G_ACTION_MAP (self->actions), questions[i].id);

      g_simple_action_set_state (G_SIMPLE_ACTION (answer), g_variant_new_string (""));
    }
  g_hash_table_remove_all (self->answers);
  update (self);
}

static GtkWidget *
question_row_new (const MatouAdvisorQuestion *question)
{
  GtkWidget *row = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                                 "title", _(question->text),
                                 "use-markup", FALSE,
                                 "activatable", FALSE,
                                 "focusable", FALSE,
                                 NULL);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), matou_compare_question_new (question, "guide"));

  /* A bare AdwPreferencesRow names nothing from its title: without this a
   * screen reader announces "row" with no word of which question it is. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(question->text),
                                  -1);
  if (question->hint != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(question->hint),
                                    -1);

  return row;
}

void
matou_compare_guide_set_content (MatouCompareGuide   *self,
                                 MatouCompareContent *content)
{
  g_return_if_fail (MATOU_IS_COMPARE_GUIDE (self));
  g_return_if_fail (content != NULL);

  g_clear_pointer (&self->content, matou_compare_content_unref);
  self->content = matou_compare_content_ref (content);
  update (self);
}

/**
 * matou_compare_guide_set_docker_ready:
 * @ready: whether a Docker daemon answers on this machine
 *
 * Docker's next step follows: install it, or use it.
 */
void
matou_compare_guide_set_docker_ready (MatouCompareGuide *self,
                                      gboolean           ready)
{
  g_return_if_fail (MATOU_IS_COMPARE_GUIDE (self));

  ready = !!ready;
  if (self->docker_ready == ready)
    return;
  self->docker_ready = ready;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCKER_READY]);
}

static void
matou_compare_guide_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MatouCompareGuide *self = MATOU_COMPARE_GUIDE (object);

  switch (prop_id)
    {
    case PROP_DOCKER_READY:
      g_value_set_boolean (value, self->docker_ready);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_compare_guide_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MatouCompareGuide *self = MATOU_COMPARE_GUIDE (object);

  switch (prop_id)
    {
    case PROP_DOCKER_READY:
      matou_compare_guide_set_docker_ready (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_compare_guide_dispose (GObject *object)
{
  MatouCompareGuide *self = MATOU_COMPARE_GUIDE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MATOU_TYPE_COMPARE_GUIDE);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->content, matou_compare_content_unref);

  G_OBJECT_CLASS (matou_compare_guide_parent_class)->dispose (object);
}

static void
matou_compare_guide_finalize (GObject *object)
{
  MatouCompareGuide *self = MATOU_COMPARE_GUIDE (object);

  g_hash_table_unref (self->answers);

  G_OBJECT_CLASS (matou_compare_guide_parent_class)->finalize (object);
}

static void
matou_compare_guide_class_init (MatouCompareGuideClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = matou_compare_guide_dispose;
  object_class->finalize = matou_compare_guide_finalize;
  object_class->get_property = matou_compare_guide_get_property;
  object_class->set_property = matou_compare_guide_set_property;

  /* Whether a Docker daemon answers here: Docker's next step is to use it, not install it. */
  properties[PROP_DOCKER_READY] =
    g_param_spec_boolean ("docker-ready", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-compare-guide.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouCompareGuide, questions_group);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareGuide, result_box);
}

static void
matou_compare_guide_init (MatouCompareGuide *self)
{
  static const GActionEntry entries[] = {
    { .name = "reset", .activate = reset_activated },
  };
  guint n_questions;
  const MatouAdvisorQuestion *questions = matou_advisor_get_questions (&n_questions);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);

  for (guint i = 0; i < n_questions; i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new_stateful (questions[i].id, G_VARIANT_TYPE_STRING,
                                                                      g_variant_new_string (""));

      g_signal_connect (action, "change-state", G_CALLBACK (answer_change_state), self);
      g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
      adw_preferences_group_add (self->questions_group, question_row_new (&questions[i]));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "guide", G_ACTION_GROUP (self->actions));

  update (self);
}
