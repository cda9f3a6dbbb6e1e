// export default of a mongoose.model() call, with an inline schema and a unique compound index.
import mongoose, { Schema } from "mongoose";

const tagSchema = new Schema({ label: String, owner: { type: Schema.Types.ObjectId, ref: "User" }, slug: String });
tagSchema.index({ owner: 1, slug: 1 }, { unique: true });

export default mongoose.model("Tag", tagSchema);
