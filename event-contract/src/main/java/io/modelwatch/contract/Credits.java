package io.modelwatch.contract;

/**
 * Credit lines that the licences of imported data require, in one place: every page, export and review that shows
 * such data shows the line.
 */
public final class Credits {

    /** Epoch AI's notable-models data is CC BY 4.0: anything that ships or shows it credits it with this line. */
    public static final String EPOCH_AI = "Epoch AI, 'Data on AI Models'. Published online at epoch.ai. "
            + "Retrieved from https://epoch.ai/data/ai-models";

    /** The licence of {@link #EPOCH_AI}'s data. */
    public static final String EPOCH_AI_LICENCE = "https://creativecommons.org/licenses/by/4.0/";

    /** Where Epoch AI's data comes from: the {@link Source} URL of every imported row. */
    public static final String EPOCH_AI_URL = "https://epoch.ai/data/ai-models";

    /** The tag ingest gives every row it imports from Epoch AI: what holds it is credited with {@link #EPOCH_AI}. */
    public static final String EPOCH_AI_TAG = "epoch-ai";

    private Credits() {
    }
}
