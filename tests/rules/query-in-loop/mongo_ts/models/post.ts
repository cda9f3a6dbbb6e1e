import mongoose from 'mongoose';

const postSchema = new mongoose.Schema({ title: String, authorId: String });

export default mongoose.model('Post', postSchema);
