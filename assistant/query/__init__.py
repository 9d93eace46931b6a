"""Reading the question, once: language, references, courtesy, intents, requests, follow-ups. Knows the
corpus (to resolve references and names), nothing of indexes or answers."""
