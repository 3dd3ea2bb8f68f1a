package schemes

import (
	_ "embed"

	"frametag/annotate"
)

//go:embed guidelines/news-persuasion.md
var newsGuidelines string

// Technique groups of SemEval-2023 Task 3, exactly as the task names them.
const (
	GroupAttack         = "Attack on reputation"
	GroupJustification  = "Justification"
	GroupDistraction    = "Distraction"
	GroupSimplification = "Simplification"
	GroupCall           = "Call"
	GroupWording        = "Manipulative wording"
)

// groupFamilies gives each technique group its hue family of five lightness
// steps, dark to light (see Families).
func groupFamilies() map[string][]string {
	return map[string][]string{
		GroupAttack:         {"#a31e3c", "#c74358", "#ec6475", "#ff919a", "#ffc2c5"},
		GroupJustification:  {"#1b5888", "#4275a8", "#6494c9", "#85b4eb", "#b4d4ff"},
		GroupDistraction:    {"#9a2269", "#bc4587", "#e066a7", "#ff8bc6", "#ffc0dd"},
		GroupSimplification: {"#00631b", "#1b832f", "#43a44c", "#66c56a", "#87e78a"},
		GroupCall:           {"#5e5600", "#7e7300", "#a09216", "#c2b23b", "#e6d35b"},
		GroupWording:        {"#005d73", "#017c99", "#299dbd", "#55bddf", "#80deff"},
	}
}

// spread picks n of the five steps of a family, as far apart in lightness as
// they can be.
func spread(steps []string, n int) []string {
	picks := map[int][]int{1: {2}, 2: {1, 3}, 3: {0, 2, 4}, 4: {0, 1, 3, 4}}[n]
	if picks == nil {
		return steps
	}
	out := make([]string, len(picks))
	for i, p := range picks {
		out[i] = steps[p]
	}
	return out
}

// technique is a persuasion technique before it gets its colour.
type technique struct{ name, group, description string }

// techniques2023 are the 23 techniques of SemEval-2023 Task 3, by group.
func techniques2023() []technique {
	return []technique{
		{"Name_Calling-Labeling", GroupAttack, "Pins a loaded label on the target (\"traitor\", \"hero\", \"regime\") so that the label does the arguing."},
		{"Guilt_by_Association", GroupAttack, "Discredits the target by tying it to a person, group or idea the audience already despises (\"just like the Nazis\")."},
		{"Doubt", GroupAttack, "Raises suspicion about the target's credibility, competence or motives instead of answering what it says."},
		{"Appeal_to_Hypocrisy", GroupAttack, "Dismisses the target by pointing out that it does or did what it now criticises (tu quoque)."},
		{"Questioning_the_Reputation", GroupAttack, "Attacks the target's moral character or standing (\"has never told the truth\") rather than its argument or competence."},

		{"Flag_Waving", GroupJustification, "Justifies a position by appeal to the pride, identity or interest of a nation or group (\"as true patriots we must...\")."},
		{"Appeal_to_Authority", GroupJustification, "Presents a claim as true because an authority, expert or institution says so, with no further support."},
		{"Appeal_to_Popularity", GroupJustification, "Presents a claim as right because many or most people accept it (\"everybody knows\", bandwagon)."},
		{"Appeal_to_Values", GroupJustification, "Justifies a position by values the audience holds dear: tradition, religion, freedom, democracy, peace, family."},
		{"Appeal_to_Fear-Prejudice", GroupJustification, "Pushes for an idea by stoking fear of its alternative, or by playing on the audience's prejudices."},

		{"Straw_Man", GroupDistraction, "Replaces the opponent's position with a distorted or weaker version and refutes that instead."},
		{"Red_Herring", GroupDistraction, "Moves attention to an unrelated topic so the issue under discussion is dropped."},
		{"Whataboutism", GroupDistraction, "Answers a criticism with a counter-accusation (\"and what about you?\"), implying a double standard."},

		{"Causal_Oversimplification", GroupSimplification, "Attributes an outcome with many causes to a single one (\"prices rose because of the sanctions\")."},
		{"False_Dilemma-No_Choice", GroupSimplification, "Offers two options as the only ones, or one as the only one, when others exist (\"with us or against us\")."},
		{"Consequential_Oversimplification", GroupSimplification, "Claims that a first step will set off a chain of ever worse consequences (slippery slope)."},

		{"Slogans", GroupCall, "A short, catchy phrase meant to be remembered and repeated rather than examined (\"Make ... great again\")."},
		{"Conversation_Killer", GroupCall, "A stock phrase that ends thinking about the matter (\"it is what it is\", \"enough said\")."},
		{"Appeal_to_Time", GroupCall, "Argues that the moment to act is now and there is no time to deliberate (\"before it's too late\")."},

		{"Loaded_Language", GroupWording, "Words or phrases with strong emotional colouring chosen to sway the reader (\"slaughter\", \"heroic\", \"invasion of migrants\")."},
		{"Obfuscation-Vagueness-Confusion", GroupWording, "Deliberately unclear wording that lets the reader fill in a meaning the author does not commit to."},
		{"Exaggeration-Minimisation", GroupWording, "Blows something up beyond its size, or plays it down (\"the best ever\", \"just a minor incident\")."},
		{"Repetition", GroupWording, "Repeats the same word, phrase or idea so that it sticks; mark each repeated occurrence after the first."},
	}
}

// withGroupColors turns techniques into labels, the members of a group taking
// lightness steps of the group's hue family spread as far apart as possible.
func withGroupColors(ts []technique) []annotate.Label {
	size := map[string]int{}
	for _, t := range ts {
		size[t.group]++
	}
	families := groupFamilies()
	next := map[string]int{}
	out := make([]annotate.Label, len(ts))
	for i, t := range ts {
		steps := spread(families[t.group], size[t.group])
		out[i] = annotate.Label{Name: t.name, Group: t.group, Description: t.description,
			Color: steps[next[t.group]%len(steps)]}
		next[t.group]++
	}
	return out
}

// Frame names of the Media Frames Corpus as SemEval-2023 Task 3 spells them.
func mediaFrames() []annotate.Label {
	return []annotate.Label{
		{Name: "Economic", Color: "#cc6677", Description: "Costs, benefits, money and the economy: what something does to budgets, jobs, prices or markets."},
		{Name: "Capacity_and_resources", Color: "#ddcc77", Description: "Whether there is enough (or too little) of something: staff, space, time, physical or human resources."},
		{Name: "Morality", Color: "#117733", Description: "Right and wrong in a religious or ethical sense; duty, conscience, sin."},
		{Name: "Fairness_and_equality", Color: "#88ccee", Description: "Whether people are treated equally or justly; discrimination, balance, who gets what."},
		{Name: "Legality_Constitutionality_and_jurisprudence", Color: "#882255", Description: "What the law, constitution or courts allow; rights, legal authority, court rulings."},
		{Name: "Policy_prescription_and_evaluation", Color: "#44aa99", Description: "Policies proposed or in place, and whether they work or would work."},
		{Name: "Crime_and_punishment", Color: "#999933", Description: "Breaking the law, enforcement, sentencing and punishment."},
		{Name: "Security_and_defense", Color: "#aa4499", Description: "Threats to a nation, group or person and the defence against them; war, terrorism, borders."},
		{Name: "Health_and_safety", Color: "#77aadd", Description: "Health care, disease, injury, safety of people and infrastructure."},
		{Name: "Quality_of_life", Color: "#ee8866", Description: "Effects on people's well-being, wealth, comfort and daily life."},
		{Name: "Cultural_identity", Color: "#ffaabb", Description: "Traditions, customs, language and values of a group or nation, and threats to them."},
		{Name: "Public_opinion", Color: "#ee3377", Description: "What the public thinks: polls, protests, popular mood, social media reaction."},
		{Name: "Political", Color: "#bbcc33", Description: "Politics as a contest: parties, elections, politicians' manoeuvres, partisanship."},
		{Name: "External_regulation_and_reputation", Color: "#bbbbbb", Description: "A country's standing abroad and relations with other states; international pressure, treaties, sanctions."},
	}
}

// Default is the "news persuasion" schema every new project starts with:
// claims, actors, persuasion techniques (SemEval-2023 Task 3), frames (Media
// Frames Corpus) and genre.
func Default() annotate.Schema {
	s := annotate.Schema{
		Name:        NewsPersuasion,
		Version:     1,
		Description: "Claims, the actors who make or suffer them, the 23 SemEval-2023 persuasion techniques, the 14 Media Frames Corpus frames and the article's genre.",
		Layers: []annotate.Layer{
			{
				Name:        "claim",
				Kind:        annotate.SpanLayer,
				Description: "Statements presented as fact that a reader could check.",
				Labels: []annotate.Label{
					{Name: "Claim", Color: "#e69f00", Description: "A statement presented as fact about the world. Mark the shortest stretch that carries the whole claim."},
				},
				Attributes: []annotate.AttrDef{
					{Name: "checkworthy", Kind: annotate.AttrChoice, Values: []string{"yes", "no"}, Description: "Would a fact-checker want to check it: of public interest and possibly false or harmful?"},
					{Name: "verifiable", Kind: annotate.AttrChoice, Values: []string{"yes", "no"}, Description: "Could it in principle be checked against evidence (not an opinion, wish or vague hint)?"},
					{Name: "kind", Kind: annotate.AttrChoice, Values: []string{"statistic", "event", "prediction", "law or procedure", "causal", "quotation of opinion", "other"}, Description: "What kind of claim it is."},
				},
			},
			{
				Name:        "actor",
				Kind:        annotate.SpanLayer,
				Description: "Mentions of the people, organisations, states and groups the article is about.",
				Labels: []annotate.Label{
					{Name: "PERSON", Color: "#d55e00", Description: "A named or described person (\"Antony Blinken\", \"the minister\")."},
					{Name: "ORG", Color: "#0072b2", Description: "An organisation: party, company, army unit, agency, NGO, media outlet."},
					{Name: "GPE", Color: "#009e73", Description: "A country, city or state acting as a political actor (\"Kyiv said\", \"Washington\")."},
					{Name: "NORP", Color: "#cc79a7", Description: "A nationality, religious or political group named as such (\"Ukrainians\", \"Democrats\", \"Muslims\")."},
					{Name: "GROUP", Color: "#56b4e9", Description: "Any other collective cast as one actor (\"the protesters\", \"pensioners\", \"the elites\", \"the West\")."},
				},
				Attributes: []annotate.AttrDef{
					{Name: "role", Kind: annotate.AttrChoice, Values: []string{"Protagonist", "Antagonist", "Innocent"}, Description: "The actor's narrative role in this article (SemEval-2025 Task 10)."},
					{Name: "fine_role", Kind: annotate.AttrMulti, Values: []string{
						"Guardian", "Martyr", "Peacemaker", "Rebel", "Underdog", "Virtuous",
						"Instigator", "Conspirator", "Tyrant", "Foreign Adversary", "Traitor", "Spy", "Saboteur", "Corrupt", "Incompetent", "Terrorist", "Deceiver", "Bigot",
						"Forgotten", "Exploited", "Victim", "Scapegoat"},
						Description: "Fine roles under the main role: Guardian … Virtuous are protagonist roles, Instigator … Bigot antagonist roles, Forgotten … Scapegoat innocent roles."},
					{Name: "canonical_name", Kind: annotate.AttrText, Description: "One name for every mention of the same actor (\"Antony Blinken\" for \"Blinken\", \"the Secretary of State\")."},
				},
			},
			{
				Name:        "technique",
				Kind:        annotate.SpanLayer,
				Description: "Persuasion techniques of SemEval-2023 Task 3, in six groups.",
				Overlap:     true,
				Labels:      withGroupColors(techniques2023()),
			},
			{
				Name:        "frame",
				Kind:        annotate.DocumentLayer,
				Description: "The frames the article uses (Media Frames Corpus); choose every frame that is prominent.",
				Multi:       true,
				Labels:      mediaFrames(),
			},
			{
				Name:        "genre",
				Kind:        annotate.DocumentLayer,
				Description: "What kind of article it is (SemEval-2023 Task 3, subtask 1).",
				Labels: []annotate.Label{
					{Name: "reporting", Color: "#0072b2", Description: "Reports events and what people said, with the author's own view kept out."},
					{Name: "opinion", Color: "#d55e00", Description: "Argues the author's view: editorials, columns, commentary."},
					{Name: "satire", Color: "#cc79a7", Description: "Imitates news to mock its subject; not meant to be taken literally."},
				},
			},
		},
		Relations: []annotate.RelationType{
			{Name: "attributed_to", From: "claim", To: "actor", Description: "Who makes the claim."},
			{Name: "targets", From: "technique", To: "actor", Description: "Whom the technique attacks or praises."},
		},
		Guidelines: newsGuidelines,
	}
	AssignKeys(&s)
	return s
}
